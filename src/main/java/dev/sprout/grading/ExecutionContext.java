package dev.sprout.grading;

import java.util.Optional;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

import dev.sprout.runner.Engine;
import dev.sprout.runner.Session;

/** What a descriptor needs while executing: the engine to run Python, and the exercise's open session. */
final class ExecutionContext implements EngineExecutionContext {

    private final Engine engine;
    private final SproutConfig config;
    private final EngineExecutionListener listener;
    private final Session session;
    private final ExerciseRun exercise;

    ExecutionContext(Engine engine, SproutConfig config, EngineExecutionListener listener) {
        this(engine, config, listener, null, null);
    }

    private ExecutionContext(Engine engine, SproutConfig config, EngineExecutionListener listener, Session session,
                             ExerciseRun exercise) {
        this.engine = engine;
        this.config = config;
        this.listener = listener;
        this.session = session;
        this.exercise = exercise;
    }

    ExecutionContext withExercise(Session session, ExerciseRun exercise) {
        return new ExecutionContext(engine, config, listener, session, exercise);
    }

    Engine engine() {
        return engine;
    }

    EngineExecutionListener listener() {
        return listener;
    }

    SproutConfig config() {
        return config;
    }

    Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    ExerciseRun exercise() {
        return exercise;
    }
}
