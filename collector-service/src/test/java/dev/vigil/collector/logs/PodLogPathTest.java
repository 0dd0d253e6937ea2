package dev.vigil.collector.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.NodeOs;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodLogPathTest {
    private static final PodLogPath COREDNS = new PodLogPath("kube-system", "coredns-abc", "uid", "coredns", "0.log");

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("C:\\var\\log\\pods", "C:\\var\\log\\pods\\kube-system_coredns-abc_uid\\coredns\\0.log",
                        Optional.of(COREDNS)),
                Arguments.of("C:\\var\\log\\pods", "c:\\VAR\\log\\pods\\kube-system_coredns-abc_uid\\coredns\\0.log",
                        Optional.of(COREDNS)),
                Arguments.of("C:\\var\\log\\pods", "C:/var/log/pods/kube-system_coredns-abc_uid/coredns/0.log",
                        Optional.of(COREDNS)),
                Arguments.of("/var/log/pods", "/var/log/pods/kube-system_coredns-abc_uid/coredns/0.log", Optional.of(COREDNS)),
                Arguments.of("/var/log/pods/", "/var/log/pods//kube-system_coredns-abc_uid/coredns/0.log", Optional.of(COREDNS)),
                Arguments.of("/var/log/pods", "/VAR/log/pods/kube-system_coredns-abc_uid/coredns/0.log", Optional.empty()),
                Arguments.of("/var/log/pods", "/var/log/pods/kube-system_coredns-abc_uid/coredns/0.log.20240102-030405",
                        Optional.empty()),
                Arguments.of("/var/log/pods", "/var/log/pods/kube-system_coredns-abc/coredns/0.log", Optional.empty()),
                Arguments.of("/var/log/pods", "/var/log/pods/kube-system_coredns-abc_uid/0.log", Optional.empty()),
                Arguments.of("C:\\var\\log\\pods", "D:\\var\\log\\pods\\kube-system_coredns-abc_uid\\coredns\\0.log",
                        Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void parsesKubeletLayoutWithEitherSeparator(String root, String path, Optional<PodLogPath> expected) {
        assertEquals(expected, PodLogPath.parse(root, path));
    }

    @Test
    void defaultRootFollowsNodeOs() {
        assertEquals("/var/log/pods", PodLogPath.defaultRoot(NodeOs.LINUX));
        assertEquals("C:\\var\\log\\pods", PodLogPath.defaultRoot(NodeOs.WINDOWS));
        assertEquals("C:\\var\\log\\pods", PodLogPath.defaultRoot(NodeOs.fromOsName("Windows Server 2022")));
    }
}
