package dev.sprout.grading;

import java.util.List;
import java.util.Optional;

import dev.sprout.runner.Observation;
import dev.sprout.runner.Session;
import dev.sprout.runner.SourceFacts;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;

/**
 * A session that another thread may stop ({@link Cancel}). Once cancelled every call throws
 * {@link GradingCancelled}, so the grading thread starts no new harness for its remaining cases;
 * what it was waiting for returns (or fails) when the closed sandbox ends, and is thrown away.
 */
final class CancellableSession implements Session {

    private final Session session;
    private final Cancel owner;
    private volatile boolean cancelled;

    CancellableSession(Session session, Cancel owner) {
        this.session = session;
        this.owner = owner;
    }

    void cancel() {
        cancelled = true;
        session.close();
    }

    private void check() {
        if (cancelled) {
            throw new GradingCancelled();
        }
    }

    @Override
    public String describe() {
        return session.describe();
    }

    @Override
    public void start() {
        check();
        session.start();
    }

    @Override
    public Optional<Observation.PythonError> load() {
        check();
        Optional<Observation.PythonError> error = session.load();
        check();
        return error;
    }

    @Override
    public List<String> missingModules() {
        return session.missingModules();
    }

    @Override
    public SourceFacts facts() {
        check();
        SourceFacts facts = session.facts();
        check();
        return facts;
    }

    @Override
    public Observation run(Case testCase, Limits limits) {
        check();
        Observation observation;
        try {
            observation = session.run(testCase, limits);
        } catch (RuntimeException closedUnderIt) {
            check();
            throw closedUnderIt;
        }
        check();
        return observation;
    }

    @Override
    public void plan(List<PlannedCase> cases) {
        if (!cancelled) {
            session.plan(cases);
        }
    }

    @Override
    public void close() {
        owner.closed(this);
        // closing again after a cancel also ends a harness the grading thread started meanwhile
        session.close();
    }
}
