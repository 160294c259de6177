package dev.sprout.runner;

import java.time.Duration;

/** A submission's whole wall-clock budget ({@code Limits.submissionWall}), spent by all its cases together. */
final class SubmissionClock {

    private final Duration budget;
    private long deadlineNanos;

    SubmissionClock(Duration budget) {
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    Duration budget() {
        return budget;
    }

    /** The budget starts again from now: what ran before (an engine's first load) does not count. */
    void startNow() {
        deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Time left; zero or negative once spent. */
    Duration left() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    /** Runs {@code work} without charging its time to the submission (an engine restarted for a case). */
    void notCounting(Runnable work) {
        long started = System.nanoTime();
        work.run();
        deadlineNanos += System.nanoTime() - started;
    }
}
