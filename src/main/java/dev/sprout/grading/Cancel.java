package dev.sprout.grading;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.sprout.runner.Session;

/**
 * Stops one grading from another thread (watch mode: a key, Ctrl-C or a new save while a check
 * runs). Cancelling closes the grading's sessions, so its sandbox and the learner's code end at
 * once instead of waiting out their limits; the grading then ends with {@link GradingCancelled}.
 */
public final class Cancel {

    private final Set<CancellableSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
        for (CancellableSession session : open) {
            session.cancel();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** A session opened for this grading; closed at once if the grading is already cancelled. */
    Session register(Session session) {
        CancellableSession wrapped = new CancellableSession(session, this);
        open.add(wrapped);
        if (cancelled) {
            wrapped.cancel();
        }
        return wrapped;
    }

    void closed(CancellableSession session) {
        open.remove(session);
    }
}
