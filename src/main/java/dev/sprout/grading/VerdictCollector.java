package dev.sprout.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;
import dev.sprout.result.VerdictJson;
import dev.sprout.runner.Observation;

/** Listens to the engine and collects verdicts and load errors, the same way any JUnit tool would. */
final class VerdictCollector implements TestExecutionListener {

    private final List<Verdict> verdicts = new ArrayList<>();
    private Optional<GradeResult.LoadError> loadError = Optional.empty();
    private Optional<Throwable> internalError = Optional.empty();
    private String runWith = "";

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entry.getKeyValuePairs().entrySet().stream()
                .filter(e -> e.getKey().equals(Verdict.REPORT_KEY))
                .forEach(e -> verdicts.add(VerdictJson.read(e.getValue())));
        String session = entry.getKeyValuePairs().get(RunWith.REPORT_KEY);
        if (session != null) {
            runWith = session;
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                || result.getThrowable().isEmpty()) {
            return;
        }
        Throwable thrown = result.getThrowable().get();
        if (thrown instanceof LearnerFileError error) {
            Observation.PythonError e = error.error();
            loadError = Optional.of(new GradeResult.LoadError(
                    error.getMessage(),
                    e.type(),
                    e.line().isPresent() ? Optional.of(e.line().getAsInt()) : Optional.empty(),
                    e.offset().isPresent() ? Optional.of(e.offset().getAsInt()) : Optional.empty(),
                    e.text(),
                    e.traceback(),
                    e.file().filter(f -> f.contains("/")).orElse("")));
        } else if (!(thrown instanceof CaseFailure) && test.isContainer()) {
            internalError = Optional.of(thrown);
        }
    }

    String runWith() {
        return runWith;
    }

    List<Verdict> verdicts() {
        return verdicts;
    }

    Optional<GradeResult.LoadError> loadError() {
        return loadError;
    }

    Optional<Throwable> internalError() {
        return internalError;
    }
}
