package dev.vigil.collector.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.scrape.MetricSample;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryMapperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-02T10:16:00Z"), ZoneOffset.UTC);

    private static String fixture(String name) throws IOException {
        try (InputStream in = SummaryMapperTest.class.getResourceAsStream("/fixtures/kubelet/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long ms(String time) {
        return Instant.parse(time).toEpochMilli();
    }

    private static MetricSample s(String name, Labels labels, String time, double value) {
        return new MetricSample(labels.toBuilder().set("__name__", name).build(), ms(time), value);
    }

    private static Labels pgfault(Labels l) {
        return l.toBuilder().set("failure_type", "pgfault").set("scope", "container").build();
    }

    private static Labels pgmajfault(Labels l) {
        return l.toBuilder().set("failure_type", "pgmajfault").set("scope", "container").build();
    }

    @Test
    void mapsWindowsSummaryWithoutRssAndPlaceholderZeros() throws Exception {
        List<MetricSample> samples = new SummaryMapper("win-node-1", NodeOs.WINDOWS, CLOCK).map(fixture("summary-windows.json"));
        Labels pod = Labels.of("namespace", "shop", "pod", "iis-6b8f7d5c4-w2kqz", "node", "win-node-1", "os", "windows");
        Labels iis = pod.toBuilder().set("container", "iis").build();
        Labels eth = pod.toBuilder().set("interface", "cf25e749-eth0").build();
        assertEquals(List.of(
                s(SummaryMapper.CPU, iis, "2024-05-02T10:15:27Z", 409.1875),
                s(SummaryMapper.WORKING_SET, iis, "2024-05-02T10:15:27Z", 340140032),
                s(SummaryMapper.FS_LIMIT, iis, "2024-05-02T10:15:26Z", 107372081152.0),
                s(SummaryMapper.FS_USAGE, iis, "2024-05-02T10:15:26Z", 205520896 + 11033),
                s(SummaryMapper.CPU, pod, "2024-05-02T10:15:27Z", 409.1875),
                s(SummaryMapper.WORKING_SET, pod, "2024-05-02T10:15:27Z", 340140032),
                s(SummaryMapper.RX, eth, "2024-05-02T10:15:27Z", 118105869),
                s(SummaryMapper.TX, eth, "2024-05-02T10:15:27Z", 73100185),
                s(SummaryMapper.FS_USAGE, pod, "2024-05-02T10:15:27Z", 205531929)), samples);
    }

    @Test
    void mapsLinuxSummaryToCadvisorNames() throws Exception {
        List<MetricSample> samples = new SummaryMapper("lin-node-1", NodeOs.LINUX, CLOCK).map(fixture("summary-linux.json"));
        Labels pod = Labels.of("namespace", "kube-system", "pod", "coredns-5d78c9869d-8xk2p", "node", "lin-node-1", "os", "linux");
        Labels dns = pod.toBuilder().set("container", "coredns").build();
        Labels eth = pod.toBuilder().set("interface", "eth0").build();
        assertEquals(List.of(
                s(SummaryMapper.CPU, dns, "2024-05-02T10:15:29Z", 139.878452),
                s(SummaryMapper.WORKING_SET, dns, "2024-05-02T10:15:29Z", 18968576),
                s(SummaryMapper.RSS, dns, "2024-05-02T10:15:29Z", 16117760),
                s(SummaryMapper.MEMORY_FAILURES, pgfault(dns), "2024-05-02T10:15:29Z", 4950),
                s(SummaryMapper.MEMORY_FAILURES, pgmajfault(dns), "2024-05-02T10:15:29Z", 0),
                s(SummaryMapper.MEMORY_USAGE, dns, "2024-05-02T10:15:29Z", 19357696),
                s(SummaryMapper.FS_LIMIT, dns, "2024-05-02T10:15:29Z", 62725623808.0),
                s(SummaryMapper.FS_INODES_FREE, dns, "2024-05-02T10:15:29Z", 3676114),
                s(SummaryMapper.FS_INODES, dns, "2024-05-02T10:15:29Z", 3907584),
                s(SummaryMapper.FS_USAGE, dns, "2024-05-02T10:15:29Z", 24576 + 45056),
                s(SummaryMapper.CPU, pod, "2024-05-02T10:15:29Z", 141.002117),
                s(SummaryMapper.WORKING_SET, pod, "2024-05-02T10:15:29Z", 19243008),
                s(SummaryMapper.RSS, pod, "2024-05-02T10:15:29Z", 16175104),
                s(SummaryMapper.MEMORY_FAILURES, pgfault(pod), "2024-05-02T10:15:29Z", 5004),
                s(SummaryMapper.MEMORY_FAILURES, pgmajfault(pod), "2024-05-02T10:15:29Z", 0),
                s(SummaryMapper.MEMORY_USAGE, pod, "2024-05-02T10:15:29Z", 19791872),
                s(SummaryMapper.RX, eth, "2024-05-02T10:15:29Z", 31002987),
                s(SummaryMapper.TX, eth, "2024-05-02T10:15:29Z", 28890145),
                s(SummaryMapper.RX_ERRORS, eth, "2024-05-02T10:15:29Z", 0),
                s(SummaryMapper.TX_ERRORS, eth, "2024-05-02T10:15:29Z", 0),
                s(SummaryMapper.FS_USAGE, pod, "2024-05-02T10:15:29Z", 81920)), samples.subList(0, 21));
        // 31 before the failure, error and inode series; 25 of those in this document
        assertEquals(56, samples.size());
    }

    @Test
    void podWithoutEphemeralStorageSumsItsContainersAndKeepsEachInterface() throws Exception {
        List<MetricSample> web = new SummaryMapper("lin-node-1", NodeOs.LINUX, CLOCK).map(fixture("summary-linux.json")).stream()
                .filter(x -> x.labels().get("pod").startsWith("web-")).toList();
        MetricSample podFs = web.stream().filter(x -> x.labels().metricName().equals(SummaryMapper.FS_USAGE) && x.labels().get("container").isEmpty())
                .findFirst().orElseThrow();
        assertEquals(16384 + 1048576 + 8192 + 4096, podFs.value());
        assertEquals(List.of("eth0", "net1"), web.stream().filter(x -> x.labels().metricName().equals(SummaryMapper.RX))
                .map(x -> x.labels().get("interface")).toList());
        assertTrue(web.stream().filter(x -> x.labels().metricName().equals(SummaryMapper.RX)).allMatch(x -> x.labels().get("container").isEmpty()));
    }

    @Test
    void rejectsDocumentsThatAreNotSummaries() {
        SummaryMapper mapper = new SummaryMapper("n", NodeOs.LINUX, CLOCK);
        KubeletStatsException notJson = assertThrows(KubeletStatsException.class, () -> mapper.map("<html>"));
        assertTrue(notJson.getMessage().startsWith("kubelet summary is not valid JSON"), notJson.getMessage());
        KubeletStatsException wrong = assertThrows(KubeletStatsException.class, () -> mapper.map("{\"pods\": 3}"));
        assertTrue(wrong.getMessage().contains("no 'pods' array"), wrong.getMessage());
    }
}
