package dev.sprout.grading;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sprout.runner.Engine;
import dev.sprout.runner.Session;
import dev.sprout.runner.Submission;

/**
 * Opens a submission's session before the JUnit Platform discovers the exercise, so the sandbox
 * and the interpreter start while discovery runs (on another core): the exercise descriptor then
 * gets the session already starting. A session nobody asked for is closed.
 */
final class EarlyStart implements Engine {

    private final Engine engine;
    private final Map<Submission, Session> started = new ConcurrentHashMap<>();

    EarlyStart(Engine engine) {
        this.engine = engine;
    }

    Engine engine() {
        return engine;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public Session open(Submission submission) {
        Session early = started.remove(submission);
        return early != null ? early : engine.open(submission);
    }

    /** Starts a session for this submission; any problem is left for {@link #open} to report the usual way. */
    void prepare(Submission submission) {
        Session session;
        try {
            session = engine.open(submission);
        } catch (RuntimeException problem) {
            return;
        }
        try {
            session.start();
        } catch (RuntimeException problem) {
            session.close();
            return;
        }
        Session replaced = started.put(submission, session);
        if (replaced != null) {
            replaced.close();
        }
    }

    /** Closes the session prepared for this submission if the grading never used it. */
    void discard(Submission submission) {
        Session unused = started.remove(submission);
        if (unused != null) {
            unused.close();
        }
    }
}
