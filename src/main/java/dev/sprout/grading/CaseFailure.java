package dev.sprout.grading;

import org.opentest4j.AssertionFailedError;

import dev.sprout.result.Verdict;

/** A case that did not pass; JUnit tools show its learner-facing message. */
final class CaseFailure extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    CaseFailure(Verdict verdict) {
        super("[" + verdict.status().label() + "] " + verdict.message());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
