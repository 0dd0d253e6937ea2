package dev.vigil.collector.nodelogs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the output of {@code wevtutil qe <channel> /f:RenderedXml} (or {@code /f:xml}): a
 * sequence of {@code <Event>} elements with no enclosing root, which is why the stream is wrapped
 * in one before parsing. Only {@code System} children are read for the header fields, because
 * {@code RenderingInfo} repeats some names (Level, Channel, Provider) as display text.
 */
public final class WindowsEventParser {
    /** Receives parsed events; may throw to stop reading. */
    @FunctionalInterface
    public interface Consumer {
        void accept(WindowsEvent event) throws IOException;
    }

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private WindowsEventParser() {
    }

    /** Parses every event in the stream. */
    public static void parse(InputStream in, Consumer out) throws IOException {
        InputStream wrapped = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream("<Events>".getBytes(StandardCharsets.UTF_8)), in,
                new ByteArrayInputStream("</Events>".getBytes(StandardCharsets.UTF_8)))));
        try {
            XMLStreamReader r = XML.createXMLStreamReader(wrapped, "UTF-8");
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Event")) {
                    out.accept(event(r));
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new IOException("invalid Windows event XML at line " + line + ": " + e.getMessage(), e);
        }
    }

    /** Reads one event; the reader stands on its start tag and is left on its end tag. */
    private static WindowsEvent event(XMLStreamReader r) throws XMLStreamException, IOException {
        String provider = "";
        long eventId = 0;
        int level = 0;
        long time = 0;
        long recordId = -1;
        String channel = "";
        String computer = "";
        String message = "";
        List<String> data = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                if (open.isEmpty()) {
                    break; // </Event>
                }
                open.pop();
                continue;
            }
            if (ev == XMLStreamConstants.CHARACTERS && open.contains("UserData") && !r.isWhiteSpace()) {
                data.add(open.peek() + "=" + r.getText().strip());
                continue;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getLocalName();
            String parent = open.isEmpty() ? "" : open.peek();
            // getElementText() consumes the end tag, so those elements are never pushed.
            if (parent.equals("System")) {
                switch (name) {
                    case "EventID" -> eventId = number(r.getElementText(), "EventID");
                    case "Level" -> level = (int) number(r.getElementText(), "Level");
                    case "EventRecordID" -> recordId = number(r.getElementText(), "EventRecordID");
                    case "Channel" -> channel = r.getElementText().trim();
                    case "Computer" -> computer = r.getElementText().trim();
                    default -> {
                        if (name.equals("Provider")) {
                            provider = attr(r, "Name");
                        } else if (name.equals("TimeCreated")) {
                            time = nanos(attr(r, "SystemTime"));
                        }
                        open.push(name);
                    }
                }
            } else if (parent.equals("RenderingInfo") && name.equals("Message")) {
                message = r.getElementText().strip();
            } else if (parent.equals("EventData") && name.equals("Data")) {
                String key = attr(r, "Name");
                String value = r.getElementText().strip();
                if (!value.isEmpty()) {
                    data.add(key.isEmpty() ? value : key + "=" + value);
                }
            } else {
                open.push(name);
            }
        }
        if (recordId < 0) {
            throw new IOException("Windows event without EventRecordID from provider '" + provider + "'");
        }
        if (message.isEmpty()) {
            message = String.join(" ", data);
        }
        return new WindowsEvent(provider, eventId, level, time, recordId, channel, computer, message);
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static long number(String text, String field) throws IOException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException("Windows event has a non-numeric " + field + ": '" + text.trim() + "'");
        }
    }

    private static long nanos(String systemTime) throws IOException {
        try {
            Instant t = Instant.parse(systemTime);
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (DateTimeParseException e) {
            throw new IOException("Windows event has an unreadable TimeCreated '" + systemTime + "'");
        }
    }
}
