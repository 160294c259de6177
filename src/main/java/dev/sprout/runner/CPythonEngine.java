package dev.sprout.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.sprout.sandbox.Sandbox;

/** Real CPython in a sandboxed subprocess: the interpreter the learner uses at home. */
public final class CPythonEngine implements Engine {

    private final InterpreterFinder interpreters;
    private final Sandbox sandbox;
    private final Supplier<Optional<PostgresInstall>> postgres;
    private final Path cacheRoot;

    public CPythonEngine(InterpreterFinder interpreters, Sandbox sandbox) {
        this(
                interpreters,
                sandbox,
                () -> PostgresInstall.find(System.getenv()),
                PostgresInstall.cacheRoot(System.getenv()));
    }

    /**
     * @param postgres  finds the PostgreSQL install for exercises that use it (tests: none, or another)
     * @param cacheRoot where PostgreSQL's cluster template is kept
     */
    CPythonEngine(
            InterpreterFinder interpreters,
            Sandbox sandbox,
            Supplier<Optional<PostgresInstall>> postgres,
            Path cacheRoot) {
        this.interpreters = interpreters;
        this.sandbox = sandbox;
        this.postgres = postgres;
        this.cacheRoot = cacheRoot;
    }

    @Override
    public String name() {
        return "cpython";
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Session open(Submission submission) {
        Interpreter interpreter = interpreters.find(submission.requires());
        List<String> missing = new ArrayList<>(interpreters.missing(interpreter, submission.requires()));
        Optional<PostgresServer> server = Optional.empty();
        if (submission.postgres()) {
            Optional<PostgresInstall> install = postgres.get();
            if (install.isEmpty()) {
                missing.add(0, PostgresServer.MISSING);
            } else if (missing.isEmpty()) {
                server = Optional.of(PostgresServer.of(install.get(), cacheRoot));
            }
        }
        return new HarnessSession(interpreter, missing, sandbox, submission, server);
    }
}
