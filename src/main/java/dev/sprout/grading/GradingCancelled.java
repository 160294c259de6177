package dev.sprout.grading;

/** A grading stopped by {@link Cancel#cancel()}: it has no result, and nobody waits for one. */
public final class GradingCancelled extends RuntimeException {

    GradingCancelled() {
        super("the check was stopped", null, false, false);
    }
}
