package dev.sprout.runner;

/** A way to run learner Python: CPython in a sandboxed subprocess, or GraalPy in a worker JVM. */
public interface Engine {

    /** "cpython" or "graalpy". */
    String name();

    /** Starts one sandbox and one warm interpreter for the submission. */
    Session open(Submission submission);
}
