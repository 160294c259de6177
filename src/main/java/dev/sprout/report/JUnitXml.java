package dev.sprout.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.result.LearnerView;
import dev.sprout.result.Verdict;

/**
 * JUnit XML written by the JUnit Platform's own reporting module, never by hand. Learners can
 * download it (the GitHub action uploads it), so it sees hidden cases only as {@link LearnerView}
 * shows them: their verdict entry and failure message are replaced before the writer sees them.
 */
public final class JUnitXml implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final TestExecutionListener listener;

    public JUnitXml() throws IOException {
        this.dir = Files.createTempDirectory("sprout-junit-");
        this.listener =
                new HidingListener(new LegacyXmlReportGeneratingListener(dir, new PrintWriter(new StringWriter())));
    }

    /** Add to a grading run; the XML appears when the run ends. */
    public TestExecutionListener listener() {
        return listener;
    }

    /** The XML of the finished run. */
    public Optional<String> xml() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Optional<Path> file = files.filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .findFirst();
            return file.isPresent() ? Optional.of(Files.readString(file.get())) : Optional.empty();
        }
    }

    @Override
    public void close() {
        FileUtils.deleteQuietly(dir.toFile());
    }

    /** Passes every event on, with hidden cases' verdicts and failures reduced to what a learner may see. */
    private static final class HidingListener implements TestExecutionListener {

        private final TestExecutionListener delegate;
        /** Hidden cases by unique id, with their status label: the verdict entry comes before the failure. */
        private final Map<String, String> hidden = new HashMap<>();

        HidingListener(TestExecutionListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            delegate.testPlanExecutionStarted(testPlan);
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
                Verdict verdict = JSON.readValue(json, Verdict.class);
                if (verdict.hidden()) {
                    hidden.put(test.getUniqueId(), verdict.status().label());
                    Map<String, String> pairs = new HashMap<>(entry.getKeyValuePairs());
                    pairs.put(Verdict.REPORT_KEY, JSON.writeValueAsString(LearnerView.of(verdict)));
                    entry = ReportEntry.from(pairs);
                }
            }
            delegate.reportingEntryPublished(test, entry);
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
