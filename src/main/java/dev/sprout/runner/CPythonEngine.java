package dev.sprout.runner;

import dev.sprout.sandbox.Sandbox;

/** Real CPython in a sandboxed subprocess: the interpreter the learner uses at home. */
public final class CPythonEngine implements Engine {

    private final InterpreterFinder interpreters;
    private final Sandbox sandbox;

    public CPythonEngine(InterpreterFinder interpreters, Sandbox sandbox) {
        this.interpreters = interpreters;
        this.sandbox = sandbox;
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
        return new HarnessSession(
                interpreter, interpreters.missing(interpreter, submission.requires()), sandbox, submission);
    }
}
