package dev.sprout.report;

import java.util.Optional;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

/** The one thing a mentor or a PR summary shows about a submission that did not pass. */
final class FirstFailure {

    private FirstFailure() {}

    /** The load error, else the first failing case ("name: message"), hidden details withheld. */
    static Optional<String> of(GradeResult result) {
        if (result.loadError().isPresent()) {
            return Optional.of(result.loadError().get().message());
        }
        return result.verdicts().stream().filter(v -> !v.passed()).findFirst().map(FirstFailure::describe);
    }

    static String describe(Verdict verdict) {
        if (verdict.hidden()) {
            return verdict.name() + ": a hidden check failed";
        }
        String message = verdict.message().isBlank() ? verdict.status().label() : verdict.message();
        return verdict.name() + ": " + message;
    }

    /** The first line only, at most {@code max} characters. */
    static String oneLine(String text, int max) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
