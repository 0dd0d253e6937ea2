package dev.vigil.collector.nodelogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsEventParserTest {
    static List<WindowsEvent> parse(String xml) throws IOException {
        List<WindowsEvent> out = new ArrayList<>();
        WindowsEventParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), out::add);
        return out;
    }

    private static long nanos(String t) {
        Instant i = Instant.parse(t);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void readsSystemChannelEvents() throws Exception {
        List<WindowsEvent> events = parse(FakeCommandRunner.fixture("wevtutil-system-renderedxml.xml"));
        assertEquals(5, events.size());
        assertEquals(new WindowsEvent("Service Control Manager", 7036, 4, nanos("2024-05-02T10:15:30.1234567Z"), 48213, "System",
                "WIN-NODE-1", "The Windows Update service entered the stopped state."), events.get(0));
        assertEquals("The kubelet service failed to start due to the following error: \n"
                + "The service did not respond to the start or control request in a timely fashion.", events.get(1).message());
        // RenderingInfo repeats Channel and Level as text; the System values must win.
        assertEquals("System", events.get(2).channel());
        assertEquals(3, events.get(2).level());
        assertEquals("BugcheckCode=0 PowerButtonTimestamp=0", events.get(3).message());
        assertEquals("SubjectUserName=Administrator SubjectDomainName=WIN-NODE-1 Channel=Setup", events.get(4).message());
    }

    @Test
    void readsApplicationChannelEventsWithUnnamedData() throws Exception {
        List<WindowsEvent> events = parse(FakeCommandRunner.fixture("wevtutil-application-renderedxml.xml"));
        assertEquals(List.of(9120L, 9121L), events.stream().map(WindowsEvent::recordId).toList());
        assertTrue(events.get(0).message().endsWith("Faulting module path: C:\\Windows\\System32\\ntdll.dll"));
        assertEquals("time=\"2024-05-02T10:16:02Z\" level=info msg=\"starting containerd\" "
                + "revision=1677a17964311325ed1c31e2c0a3589ce6d5c30d version=v1.7.13", events.get(1).message());
        assertEquals(0, events.get(1).level());
    }

    @Test
    void reportsBrokenXmlWithLine() {
        IOException e = assertThrows(IOException.class, () -> parse("<Event><System><EventRecordID>1</EventRecordID>\n<oops></Event>"));
        assertTrue(e.getMessage().startsWith("invalid Windows event XML at line 2"), e.getMessage());
        IOException noId = assertThrows(IOException.class, () -> parse("<Event><System><Provider Name='x'/></System></Event>"));
        assertEquals("Windows event without EventRecordID from provider 'x'", noId.getMessage());
    }
}
