package dev.sprout.runner;

import java.util.List;
import java.util.Optional;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;

/** One submission's warm interpreter: load once, then any number of cases, each from a fresh state. */
public interface Session extends AutoCloseable {

    /** Which interpreter and sandbox this session uses, for the learner. */
    String describe();

    /**
     * Starts the sandbox and interpreter and asks for the file to be loaded, without waiting, so
     * they start while the caller does other work; {@link #load()} waits. Problems surface there.
     */
    default void start() {}

    /** Compiles the learner's file; a syntax error comes back here, once. */
    Optional<Observation.PythonError> load();

    /** Modules the exercise requires that this interpreter lacks. */
    List<String> missingModules();

    SourceFacts facts();

    Observation run(Case testCase, Limits limits);

    /**
     * The cases {@link #run} will be asked for next, in order, so a session may send the next one
     * ahead while the caller grades the last. Only a hint: run takes any case, in any order.
     */
    default void plan(List<PlannedCase> cases) {}

    /** A case and the limits it will run under. */
    record PlannedCase(Case testCase, Limits limits) {}

    @Override
    void close();
}
