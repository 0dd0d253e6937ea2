package dev.vigil.alert.functions;

import dev.vigil.gotemplate.TemplateSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateFilesTest {

    @Test
    void loadsGlobbedFilesRelativeToTheConfigDirectoryAndTheirDefinesOverrideEarlierOnes() {
        TemplateSet set = AlertFunctions.newSet().add("default.tmpl", "{{ define \"__alertmanager\" }}AlertManager{{ end }}");
        List<Path> read = TemplateFiles.addAll(set, List.of("templates/*.tmpl", "missing/*.tmpl"), Path.of("src/test/resources/am"));
        assertEquals(List.of(Path.of("src/test/resources/am/templates/custom.tmpl")), read);
        Map<String, Object> data = Map.of("Status", "firing", "CommonLabels", Map.of("alertname", "X"));
        assertEquals("FIRING: X", set.execute("slack.vigil.title", data));
        assertEquals("Vigil Alerting", set.execute("__alertmanager", data));
    }
}
