package dev.sprout.runner;

import java.util.List;
import java.util.Optional;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;

/** One submission's warm interpreter: load once, then any number of cases, each from a fresh state. */
public interface Session extends AutoCloseable {

    /** Which interpreter and sandbox this session uses, for the learner. */
    String describe();

    /** Compiles the learner's file; a syntax error comes back here, once. */
    Optional<Observation.PythonError> load();

    /** Modules the exercise requires that this interpreter lacks. */
    List<String> missingModules();

    SourceFacts facts();

    Observation run(Case testCase, Limits limits);

    @Override
    void close();
}
