package dev.sprout.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.sprout.runner.Engine;

/** Options every grading command shares. */
public final class GradingOptions {

    /** --workspace, --pack and --verbose, shared with the commands that run no Python. */
    @Mixin
    WorkspaceOptions location = new WorkspaceOptions();

    @Option(
            names = "--python",
            paramLabel = "PATH",
            description = "The Python to run your code with (default: python3 on your PATH; also SPROUT_PYTHON).")
    String python;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = "auto",
            description = "Which Python runs your code: auto (your Python 3.8+ if there is one, otherwise GraalPy, "
                    + "sprout's built-in Python), cpython, or graalpy (also SPROUT_ENGINE). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(
            names = "--sandbox",
            paramLabel = "MODE",
            defaultValue = "auto",
            description =
                    "How to isolate your code: auto (strongest that works here), bwrap, launcher, or none. Default: ${DEFAULT-VALUE}.")
    String sandbox;

    @Option(
            names = "--time-limit",
            paramLabel = "SECONDS",
            description = "Stop each check after SECONDS of waiting (overrides the exercise's own limit; default 5).")
    Double timeLimit;

    @Option(
            names = "--cpu-limit",
            paramLabel = "SECONDS",
            description =
                    "Stop each check after SECONDS of computing time (overrides the exercise's own limit; default 2).")
    Double cpuLimit;

    @Option(
            names = "--memory-limit",
            paramLabel = "MB",
            description = "Stop each check that uses more than MB megabytes of memory (default 512).")
    Integer memoryLimit;

    /**
     * Set by {@code sprout grade}: the graded tree is not the user's (a pull request, a class), so
     * its sprout.yaml chooses nothing (Setup.chooseEngine).
     */
    boolean treeUntrusted;

    /** The engine this command grades with, once chosen (Setup.engine). */
    Engine engineInUse;

    Optional<Path> workspace() {
        return location.workspace();
    }

    Optional<Path> pack() {
        return location.pack();
    }

    Optional<String> python() {
        return Optional.ofNullable(python);
    }
}
