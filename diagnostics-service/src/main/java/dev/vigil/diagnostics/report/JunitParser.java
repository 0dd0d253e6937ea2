package dev.vigil.diagnostics.report;

import dev.vigil.model.json.DiagnosticsResult.Status;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JUnit XML ({@code <testsuites>} or a single {@code <testsuite>}) into test cases: a case with
 * {@code <failure>} or {@code <error>} failed, one with {@code <skipped>} was skipped, any other passed.
 * External entities and DTDs are refused: plugin output is untrusted.
 */
public final class JunitParser {
    private JunitParser() {
    }

    /** @throws IllegalArgumentException when the bytes are not well-formed XML */
    public static List<TestCase> parse(byte[] xml) {
        Document doc = document(xml);
        List<TestCase> out = new ArrayList<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String name = c.getAttribute("name");
            Element failure = first(c, "failure");
            if (failure == null) {
                failure = first(c, "error");
            }
            Element skipped = first(c, "skipped");
            if (failure != null) {
                out.add(new TestCase(name, Status.FAILED, message(failure)));
            } else if (skipped != null) {
                out.add(new TestCase(name, Status.SKIPPED, message(skipped)));
            } else {
                out.add(new TestCase(name, Status.PASSED, ""));
            }
        }
        return out;
    }

    /**
     * Parses untrusted XML: no DTD, no external entity.
     *
     * @throws IllegalArgumentException when the bytes are not well-formed XML
     */
    static Document document(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not JUnit XML: " + e.getMessage());
        }
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static String message(Element e) {
        String m = e.getAttribute("message");
        return m.isEmpty() ? e.getTextContent().strip() : m;
    }
}
