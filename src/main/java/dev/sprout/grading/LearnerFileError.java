package dev.sprout.grading;

import dev.sprout.runner.Observation;

/**
 * The learner's file cannot be loaded (a syntax error): reported once, on the exercise, and no
 * case runs. Its message is already written for the learner.
 */
public final class LearnerFileError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Observation.PythonError error;

    LearnerFileError(String file, Observation.PythonError error) {
        super(Messages.cannotRead(file, error));
        this.error = error;
    }

    public Observation.PythonError error() {
        return error;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a learner's mistake, not a bug in sprout: no Java stack to show
    }
}
