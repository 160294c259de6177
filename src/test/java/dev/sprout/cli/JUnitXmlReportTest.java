package dev.sprout.cli;

import static dev.sprout.cli.GradeFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The JUnit XML of `submit --format junit` and `grade --format junit`, parsed as a CI viewer reads
 * it: one {@code <testsuites>} root, cases in the spec's order, failure types a person understands,
 * no JVM system properties and no JSON report entries, hidden cases as name, status and points.
 */
class JUnitXmlReportTest {

    /** The spec's order, which is neither alphabetical nor what a hash map would give. */
    private static final List<String> SPEC_ORDER = List.of(
            "zebra returns one", "apple raises", "mango passes", "banana is hidden", "yak prints", "kiwi loops");

    private static final String LEARNER = String.join(
            "\n",
            "def f(x):",
            "    return x + 1",
            "",
            "def g():",
            "    raise ValueError('bad')",
            "",
            "def h(word):",
            "    print('PRINTSECRET')",
            "    return 'ACTUALSECRET'",
            "",
            "def spin():",
            "    while True:",
            "        pass",
            "",
            "if __name__ == '__main__':",
            "    print('nope')",
            "");

    @TempDir
    static Path temp;

    @BeforeAll
    static void pack() throws Exception {
        String spec = String.join(
                "\n",
                "version: 1",
                "title: \"Order\"",
                "entry: order.py",
                "limits: {cpu: 1, wall: 3}",
                "tasks:",
                "  - name: \"functions\"",
                "    cases:",
                "      - name: \"zebra returns one\"",
                "        call: f",
                "        args: [1]",
                "        expect: {value: 1}",
                "      - name: \"apple raises\"",
                "        call: g",
                "        expect: {value: 2}",
                "      - name: \"mango passes\"",
                "        call: f",
                "        args: [0]",
                "        expect: {value: 1}",
                "      - name: \"banana is hidden\"",
                "        hidden: true",
                "        call: h",
                "        args: [\"ARGSECRET\"]",
                "        expect: {value: \"EXPECTSECRET\"}",
                "  - name: \"program\"",
                "    cases:",
                "      - name: \"yak prints\"",
                "        run: {stdin: \"\"}",
                "        expect: {stdout: {exact: \"yes\\n\"}}",
                "      - name: \"kiwi loops\"",
                "        call: spin",
                "        expect: {value: 1}",
                "");
        for (Path root : List.of(temp.resolve("ws"), temp.resolve("pack"))) {
            write(root.resolve("graders/01-basics/01-order/grader.yaml"), spec);
            write(root.resolve("graders/01-basics/01-order/solution.py"), "def f(x):\n    return x\n");
            write(root.resolve("exercises/01-basics/01-order/order.py"), LEARNER);
        }
        write(temp.resolve("cohort/s01-ana/exercises/01-basics/01-order/order.py"), LEARNER);
        write(temp.resolve("cohort/s02-ben/exercises/01-basics/01-order/order.py"), LEARNER);
    }

    @Test
    void submitWritesOneSuiteUnderTestsuitesInTheSpecsOrder() throws Exception {
        GradeFixtures.Captured run =
                new GradeFixtures.Captured(temp.resolve("ws/exercises/01-basics/01-order"), Map.of());
        assertThat(run.run("submit", "order", "--format", "junit"))
                .as(run.err.toString())
                .isEqualTo(ExitCode.FAILED);

        String xml = run.out.toString();
        Document document = parse(xml);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("testsuites");
        List<Element> suites = elements(document.getDocumentElement(), "testsuite");
        assertThat(suites).hasSize(1);
        assertSuite(xml, suites.get(0));
    }

    @Test
    void gradeWritesOneSuitePerSubmissionEachInTheSpecsOrder() throws Exception {
        GradeFixtures.Captured run = new GradeFixtures.Captured(temp, Map.of());
        assertThat(run.run("grade", "--batch", "cohort", "--pack", "pack", "-f", "junit=reports/junit.xml"))
                .as(run.err.toString())
                .isEqualTo(ExitCode.FAILED);

        String xml = Files.readString(temp.resolve("reports/junit.xml"));
        Document document = parse(xml);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("testsuites");
        List<Element> suites = elements(document.getDocumentElement(), "testsuite");
        assertThat(suites).hasSize(2);
        for (Element suite : suites) {
            assertSuite(xml, suite);
        }
    }

    private static void assertSuite(String xml, Element suite) {
        // no JVM system properties (the home folder, the command line), no JSON report entries
        assertThat(suite.getElementsByTagName("properties").getLength()).isZero();
        assertThat(suite.getElementsByTagName("property").getLength()).isZero();
        assertThat(suite.getElementsByTagName("system-out").getLength()).isZero();
        assertThat(xml)
                .doesNotContain("java.class.path", "sun.java.command", "user.home", "java.home")
                .doesNotContain("sprout.verdict", "\"status\"", "unique-id", "Report Entry")
                .doesNotContain("dev.sprout", "AssertionFailedError");

        List<Element> cases = elements(suite, "testcase");
        assertThat(cases.stream().map(c -> c.getAttribute("name")).toList()).isEqualTo(SPEC_ORDER);
        Map<String, Element> byName = new LinkedHashMap<>();
        cases.forEach(c -> byName.put(c.getAttribute("name"), c));

        assertThat(failure(byName.get("zebra returns one")).getAttribute("type"))
                .isEqualTo("wrong-answer");
        assertThat(failure(byName.get("zebra returns one")).getTextContent()).contains("Expected: 1", "Got: 2");
        assertThat(failure(byName.get("apple raises")).getAttribute("type")).isEqualTo("exception:ValueError");
        assertThat(failure(byName.get("mango passes"))).isNull();
        assertThat(failure(byName.get("yak prints")).getAttribute("type")).isEqualTo("wrong-answer");
        assertThat(failure(byName.get("kiwi loops")).getAttribute("type")).isIn("cpu-limit", "timeout");

        // a hidden case: its name, status and points, nothing the learner could fake a pass with
        Element hidden = failure(byName.get("banana is hidden"));
        assertThat(hidden.getAttribute("type")).isEqualTo("wrong-answer");
        assertThat(hidden.getAttribute("message")).isEqualTo("A hidden check failed.");
        assertThat(hidden.getTextContent()).contains("Points: 0 of 1");
        assertThat(xml).doesNotContain("ARGSECRET", "EXPECTSECRET", "ACTUALSECRET", "PRINTSECRET");
    }

    private static Element failure(Element testCase) {
        List<Element> found = elements(testCase, "failure");
        found.addAll(elements(testCase, "error"));
        assertThat(found.size()).isLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
