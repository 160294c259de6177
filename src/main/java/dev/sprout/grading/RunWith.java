package dev.sprout.grading;

import dev.sprout.runner.Engine;
import dev.sprout.runner.Session;

/**
 * Which Python graded a submission: the kind of engine, for policy (what a missing dependency
 * asks the learner to do), and the session's own description, for what the learner reads.
 */
record RunWith(Kind kind, String description) {

    /** The report entry, on the exercise, that carries the description to listeners. */
    static final String REPORT_KEY = "sprout.run-with";

    enum Kind {
        CPYTHON,
        GRAALPY;

        /** From {@link Engine#name()}; an engine sprout does not know is treated as a CPython. */
        static Kind of(Engine engine) {
            return engine.name().equals("graalpy") ? GRAALPY : CPYTHON;
        }
    }

    static RunWith of(Engine engine, Session session) {
        return new RunWith(Kind.of(engine), session.describe());
    }
}
