package dev.sprout.report;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Joins the per-submission XML that {@link JUnitXml} (the JUnit Platform's own reporting) wrote
 * into one {@code <testsuites>} document, each suite renamed after its submission so CI test
 * viewers tell students and exercises apart.
 */
public final class JUnitSuites {

    /** One submission's XML and the name its suite gets ("alice/calculator"). */
    public record Suite(String name, String xml) {

        /**
         * The suite of a submission that could not be graded at all (its folder or file missing, a
         * folder sprout refused): no JUnit run wrote XML for it, yet a CI test viewer must count it,
         * as the console and JSON do. One test case in error, carrying the reason.
         */
        public static Suite errored(String name, String reason) {
            try {
                Document document = newBuilder().newDocument();
                Element suite = document.createElement("testsuite");
                suite.setAttribute("name", name);
                suite.setAttribute("tests", "1");
                suite.setAttribute("failures", "0");
                suite.setAttribute("errors", "1");
                suite.setAttribute("skipped", "0");
                Element testCase = document.createElement("testcase");
                testCase.setAttribute("name", "could not be graded");
                testCase.setAttribute("classname", name);
                Element error = document.createElement("error");
                error.setAttribute("type", "NotGraded");
                error.setAttribute("message", Escape.xml(reason));
                error.setTextContent(Escape.xml(reason));
                testCase.appendChild(error);
                suite.appendChild(testCase);
                document.appendChild(suite);
                return new Suite(name, serialize(document));
            } catch (Exception e) {
                throw new IllegalStateException("Could not write a JUnit suite for " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private JUnitSuites() {}

    public static String combine(List<Suite> suites) {
        try {
            DocumentBuilder builder = newBuilder();
            Document combined = builder.newDocument();
            Element root = combined.createElement("testsuites");
            combined.appendChild(root);
            long tests = 0;
            long failures = 0;
            long errors = 0;
            for (Suite suite : suites) {
                Document one = builder.parse(new InputSource(new StringReader(suite.xml())));
                Element element = (Element) combined.importNode(one.getDocumentElement(), true);
                element.setAttribute("name", Escape.xml(suite.name()));
                tests += count(element, "tests");
                failures += count(element, "failures");
                errors += count(element, "errors");
                root.appendChild(element);
            }
            root.setAttribute("name", "sprout");
            root.setAttribute("tests", String.valueOf(tests));
            root.setAttribute("failures", String.valueOf(failures));
            root.setAttribute("errors", String.valueOf(errors));
            return serialize(combined);
        } catch (Exception e) {
            throw new IllegalStateException("Could not combine the JUnit XML reports: " + e.getMessage(), e);
        }
    }

    static DocumentBuilder newBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }

    static String serialize(Document document) throws Exception {
        dropBlankText(document.getDocumentElement());
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }

    /** Whitespace between elements, left by a writer or an earlier serialization, so indenting starts afresh. */
    private static void dropBlankText(Node parent) {
        for (Node node = parent.getFirstChild(); node != null; ) {
            Node next = node.getNextSibling();
            if (node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank()) {
                if (parent.getChildNodes().getLength() > 1) {
                    parent.removeChild(node);
                }
            } else if (node.getNodeType() == Node.ELEMENT_NODE) {
                dropBlankText(node);
            }
            node = next;
        }
    }

    private static long count(Element suite, String attribute) {
        try {
            return Long.parseLong(suite.getAttribute(attribute));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
