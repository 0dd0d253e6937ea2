package dev.vigil.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.NodeOs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterDetectionTest {
    @ParameterizedTest(name = "{0} with KUBERNETES_SERVICE_HOST=''{1}'' -> {2}")
    @CsvSource({
            "true,  '',        true",
            "TRUE,  '',        true",
            "false, 10.96.0.1, false",
            "auto,  10.96.0.1, true",
            "' auto ', 10.96.0.1, true",
    })
    void forcedSettingsWinAndAutoFollowsTheApiServerVariable(String setting, String host, boolean expected) {
        assertEquals(expected, ClusterDetection.inCluster(setting, NodeOs.WINDOWS, Map.of("KUBERNETES_SERVICE_HOST", host)));
    }

    @Test
    void autoWithoutVariableOrTokenOnAWindowsPathIsNotInCluster() {
        // The Windows service-account path never exists on the machines that run these tests.
        assertEquals(false, ClusterDetection.inCluster("auto", NodeOs.WINDOWS, Map.of()));
    }

    @Test
    void anUnknownSettingIsAnErrorThatNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterDetection.inCluster("maybe", NodeOs.LINUX, Map.of()));
        assertTrue(e.getMessage().contains("vigil.collector.in-cluster"), e.getMessage());
    }
}
