package dev.sprout.runner;

import java.time.Duration;

/**
 * The observations for a case its engine could not report on: the submission's time was spent,
 * the case ran past its limit, or the engine died under it. Both engines word them alike.
 */
final class CaseFailures {

    /** Characters of an engine's stderr shown with a failure: its end says why it stopped. */
    private static final int TAIL = 2000;

    private CaseFailures() {}

    static Observation submissionSpent(Duration budget) {
        return Observation.failure(
                Observation.Status.TIMEOUT,
                "SubmissionTimeout",
                "the whole submission ran out of time (" + budget.toSeconds() + " s)",
                0);
    }

    /** @param diagnosis the engine's stderr, shown (its tail) when not blank */
    static Observation timedOut(Duration wall, String diagnosis, long elapsedMillis) {
        return Observation.failure(
                Observation.Status.TIMEOUT,
                "Timeout",
                withTail("the program did not finish within " + Math.round(wall.toMillis() / 1000.0) + " s", diagnosis),
                elapsedMillis);
    }

    /** The engine ended under the case. */
    static Observation crashed(String type, String what, String diagnosis, long elapsedMillis) {
        return Observation.failure(Observation.Status.CRASHED, type, withTail(what, diagnosis), elapsedMillis);
    }

    static String withTail(String message, String diagnosis) {
        return diagnosis.isBlank() ? message : message + "\n" + tail(diagnosis);
    }

    static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= TAIL ? trimmed : "…" + trimmed.substring(trimmed.length() - TAIL);
    }
}
