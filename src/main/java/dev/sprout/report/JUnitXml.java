package dev.sprout.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.opentest4j.AssertionFailedError;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import dev.sprout.result.LearnerView;
import dev.sprout.result.Verdict;
import dev.sprout.result.VerdictJson;

/**
 * JUnit XML written by the JUnit Platform's own reporting module, then trimmed to what a CI test
 * viewer and a learner need. Learners can download it (the GitHub action uploads it), so it sees
 * hidden cases only as {@link LearnerView} shows them: name, status and points.
 *
 * <p>The platform's legacy writer adds what a learner must not download or cannot read: every JVM
 * system property (home folder, command line), the JSON report entries sprout publishes its
 * verdicts with, Java class names as failure types, and cases in hash order. {@link #xml()} keeps
 * the writer's suite and cases and rewrites those parts: no {@code <properties>}, no
 * {@code <system-out>}, cases in the spec's order, each failure's type the verdict's status
 * ({@code wrong-answer}, {@code timeout}, {@code exception:ValueError}…) and its text the
 * learner-readable details.
 */
public final class JUnitXml implements AutoCloseable {

    private static final String UNIQUE_ID = "unique-id: ";

    private final Path dir;
    private final HidingListener listener;

    public JUnitXml() throws IOException {
        this.dir = Files.createTempDirectory("sprout-junit-");
        this.listener =
                new HidingListener(new LegacyXmlReportGeneratingListener(dir, new PrintWriter(new StringWriter())));
    }

    /** Add to a grading run; the XML appears when the run ends. */
    public TestExecutionListener listener() {
        return listener;
    }

    /** The XML of the finished run: one {@code <testsuite>}, as described above. */
    public Optional<String> xml() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Optional<Path> file = files.filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .findFirst();
            return file.isPresent() ? Optional.of(trimmed(Files.readString(file.get()))) : Optional.empty();
        }
    }

    @Override
    public void close() {
        FileUtils.deleteQuietly(dir.toFile());
    }

    private String trimmed(String xml) {
        try {
            Document document = JUnitSuites.newBuilder().parse(new InputSource(new StringReader(xml)));
            Element suite = document.getDocumentElement();
            suite.removeAttribute("hostname");
            for (Element gone : children(suite, "properties", "system-out", "system-err")) {
                suite.removeChild(gone);
            }
            List<Element> cases = children(suite, "testcase");
            Map<Element, Integer> rank = new HashMap<>();
            for (Element testCase : cases) {
                Optional<String> id = uniqueId(testCase);
                for (Element out : children(testCase, "system-out", "system-err")) {
                    testCase.removeChild(out);
                }
                rank.put(testCase, id.map(listener.order::indexOf).orElse(-1));
                Verdict verdict = id.map(listener.verdicts::get).orElse(null);
                for (Element failure : children(testCase, "failure", "error")) {
                    if (verdict == null) {
                        failure.setAttribute("type", "error");
                        failure.setTextContent(failure.getAttribute("message"));
                    } else {
                        String message = verdict.hidden() ? "A hidden check failed." : verdict.message();
                        failure.setAttribute("type", type(verdict));
                        failure.setAttribute("message", Escape.xml(message));
                        failure.setTextContent(Escape.xml(details(verdict, message)));
                    }
                }
                suite.removeChild(testCase);
            }

            // the spec's order; a case the run did not plan (none today) goes last, as written
            cases.sort(Comparator.comparingInt(c -> rank.get(c) < 0 ? Integer.MAX_VALUE : rank.get(c)));
            cases.forEach(suite::appendChild);
            return JUnitSuites.serialize(document);
        } catch (Exception e) {
            throw new IllegalStateException("Could not trim the JUnit XML report: " + e.getMessage(), e);
        }
    }

    /** What a CI viewer shows as the failure's kind: the verdict's status, in words a learner knows. */
    static String type(Verdict verdict) {
        return switch (verdict.status()) {
            case FAILED -> "wrong-answer";
            case ERROR ->
                verdict.hidden()
                        ? "error"
                        : exceptionName(verdict.traceback())
                                .map(name -> "exception:" + name)
                                .orElse("error");
            default -> verdict.status().label();
        };
    }

    /** The exception's name on a traceback's last line ("ValueError: bad" → ValueError). */
    private static Optional<String> exceptionName(String traceback) {
        List<String> lines = traceback.strip().lines().toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String last = lines.get(lines.size() - 1).strip();
        int colon = last.indexOf(':');
        String name = colon < 0 ? last : last.substring(0, colon);
        return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? Optional.of(name) : Optional.empty();
    }

    /** The failure's text: what the learner reads in a viewer (for a hidden case, the points only). */
    private static String details(Verdict verdict, String message) {
        StringBuilder text = new StringBuilder(message);
        if (!verdict.hidden()) {
            verdict.expected().ifPresent(e -> text.append("\nExpected: ").append(e));
            verdict.actual().ifPresent(a -> text.append("\nGot: ").append(a));
            verdict.line()
                    .ifPresent(l -> text.append("\nAt: ")
                            .append(verdict.file())
                            .append(", line ")
                            .append(l));
            if (!verdict.output().isEmpty()) {
                text.append("\nWhat your code printed:\n")
                        .append(verdict.output().stripTrailing());
            }
            verdict.hint().ifPresent(h -> text.append("\nHint: ").append(h));
        }
        text.append("\nPoints: ").append(verdict.points()).append(" of ").append(verdict.maxPoints());
        return text.append('\n').toString();
    }

    /** The case's unique id, from the writer's own {@code <system-out>} ("unique-id: [engine:sprout]/…"). */
    private static Optional<String> uniqueId(Element testCase) {
        for (Element out : children(testCase, "system-out")) {
            for (String line : out.getTextContent().lines().toList()) {
                if (line.startsWith(UNIQUE_ID)) {
                    return Optional.of(line.substring(UNIQUE_ID.length()).strip());
                }
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent, String... names) {
        List<Element> found = new ArrayList<>();
        List<String> wanted = List.of(names);
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && wanted.contains(element.getTagName())) {
                found.add(element);
            }
        }
        return found;
    }

    /**
     * Passes every event on, with hidden cases' failures reduced to what a learner may see; keeps
     * the verdicts and the planned order for {@link #xml()}, and passes no report entry on (they
     * are sprout's JSON, not for the XML).
     */
    private static final class HidingListener implements TestExecutionListener {

        private final TestExecutionListener delegate;
        /** Hidden cases by unique id, with their status label: the verdict entry comes before the failure. */
        private final Map<String, String> hidden = new HashMap<>();
        /** Every case's verdict as a learner may see it, by unique id. */
        final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
        /** Unique ids in the test plan's order, which is the spec's. */
        final List<String> order = new ArrayList<>();

        HidingListener(TestExecutionListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            for (TestIdentifier root : testPlan.getRoots()) {
                walk(testPlan, root);
            }
            delegate.testPlanExecutionStarted(testPlan);
        }

        private void walk(TestPlan testPlan, TestIdentifier node) {
            order.add(node.getUniqueId());
            for (TestIdentifier child : testPlan.getChildren(node)) {
                walk(testPlan, child);
            }
        }

        @Override
        public void testPlanExecutionFinished(TestPlan testPlan) {
            delegate.testPlanExecutionFinished(testPlan);
        }

        @Override
        public void dynamicTestRegistered(TestIdentifier test) {
            delegate.dynamicTestRegistered(test);
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            delegate.executionSkipped(test, reason);
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            delegate.executionStarted(test);
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String status = hidden.get(test.getUniqueId());
            if (status != null && result.getThrowable().isPresent()) {
                result = TestExecutionResult.failed(new HiddenFailure("[" + status + "] A hidden check failed."));
            }
            delegate.executionFinished(test, result);
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            String json = entry.getKeyValuePairs().get(Verdict.REPORT_KEY);
            if (json != null) {
                Verdict verdict = VerdictJson.read(json);
                if (verdict.hidden()) {
                    hidden.put(test.getUniqueId(), verdict.status().label());
                }
                verdicts.put(test.getUniqueId(), LearnerView.of(verdict));
            }
            // not passed on: the writer would print each entry, sprout's JSON, as a <system-out>
        }

        @Override
        public void fileEntryPublished(TestIdentifier test, FileEntry file) {
            delegate.fileEntryPublished(test, file);
        }
    }

    /** Stands in for a hidden case's failure: the message only, no stack trace. */
    private static final class HiddenFailure extends AssertionFailedError {

        private static final long serialVersionUID = 1L;

        HiddenFailure(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
