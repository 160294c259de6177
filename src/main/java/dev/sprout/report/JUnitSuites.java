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
import org.xml.sax.InputSource;

/**
 * Joins the per-submission XML that {@link JUnitXml} (the JUnit Platform's own reporting) wrote
 * into one {@code <testsuites>} document, each suite renamed after its submission so CI test
 * viewers tell students and exercises apart.
 */
public final class JUnitSuites {

    /** One submission's XML and the name its suite gets ("alice/calculator"). */
    public record Suite(String name, String xml) {
    }

    private JUnitSuites() {
    }

    public static String combine(List<Suite> suites) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
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
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(combined), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("Could not combine the JUnit XML reports: " + e.getMessage(), e);
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
