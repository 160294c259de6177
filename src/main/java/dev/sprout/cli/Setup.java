package dev.sprout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.sprout.catalog.Pack;
import dev.sprout.catalog.Workspace;
import dev.sprout.runner.Engine;
import dev.sprout.runner.EngineChoice;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.Sandboxes;

/** Finds the workspace and pack and builds the engine a command grades with. */
final class Setup {

    private Setup() {
    }

    static Workspace workspace(GradingOptions options, Console console) {
        return workspace(options.workspace(), console);
    }

    static Workspace workspace(Optional<Path> chosen, Console console) {
        if (chosen.isPresent()) {
            Path dir = console.workingDir().resolve(chosen.get()).normalize();
            if (!Files.isDirectory(dir.resolve("exercises"))) {
                throw SproutException.invalidInput(dir + " is not a sprout workspace: it has no exercises/ folder. "
                        + "Create one with `sprout init " + dir + "`.");
            }
            return new Workspace(dir);
        }
        return Workspace.find(console.workingDir()).orElseThrow(() -> SproutException.invalidInput(
                "This folder is not inside a sprout workspace (no exercises/ folder here or above). "
                        + "Run `sprout init` to create one, or pass --workspace DIR."));
    }

    /** The pack named by --pack, else the workspace's own graders, else the one sprout ships with. */
    static Pack pack(GradingOptions options, Console console, Optional<Workspace> workspace) {
        return pack(options.pack(), console, workspace);
    }

    static Pack pack(Optional<Path> chosen, Console console, Optional<Workspace> workspace) {
        if (chosen.isPresent()) {
            return Pack.load(console.workingDir().resolve(chosen.get()).normalize());
        }
        if (workspace.isPresent() && Files.isDirectory(workspace.get().root().resolve("graders"))) {
            return Pack.load(workspace.get().root());
        }
        return BuiltInPack.locate(console.environment()).map(Pack::load).orElseThrow(() -> SproutException.invalidInput(
                "No graders found: pass --pack DIR (a folder with exercises/ and graders/)."));
    }

    /** The sandbox to run learner code in; says once, on stderr, when it isolates less than tier A. */
    static Sandbox sandbox(GradingOptions options, Console console) {
        Sandbox sandbox = Sandboxes.choose(options.sandbox);
        sandbox.warning().ifPresent(warning -> console.err().println(console.style().yellow(warning)));
        if (sandbox.tier() != dev.sprout.sandbox.Tier.BWRAP
                && "true".equals(console.environment().get("GITHUB_ACTIONS"))) {
            // in CI a weak sandbox lets a pull request read the runner's secrets: say so where reviewers look
            console.err().println("::warning title=sprout sandbox::Learner code runs in sandbox tier "
                    + sandbox.tier().letter() + " here, which does not isolate it from this runner. "
                    + "Lift the AppArmor user-namespace restriction so bubblewrap works (sprout's action does: "
                    + "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0); `sprout doctor` explains.");
        }
        console.err().flush();
        return sandbox;
    }

    /** A grader with the command line's limit overrides. */
    static dev.sprout.grading.Grader grader(GradingOptions options, Console console, Sandbox sandbox) {
        checkLimits(options);
        return new dev.sprout.grading.Grader(engine(options, console, sandbox), java.util.Optional.ofNullable(options.cpuLimit),
                java.util.Optional.ofNullable(options.timeLimit), java.util.Optional.ofNullable(options.memoryLimit));
    }

    /** The limit options are in range (grading and `run` share them). */
    static void checkLimits(GradingOptions options) {
        for (Double seconds : new Double[] {options.timeLimit, options.cpuLimit}) {
            if (seconds != null && (seconds <= 0 || seconds > 600)) {
                throw SproutException.invalidInput("A time limit must be more than 0 and at most 600 seconds, not " + seconds + ".");
            }
        }
        if (options.memoryLimit != null && (options.memoryLimit < 16 || options.memoryLimit > 65536)) {
            throw SproutException.invalidInput("--memory-limit takes megabytes between 16 and 65536, not " + options.memoryLimit + ".");
        }
    }

    /**
     * The engine --engine names; "auto" is CPython 3.8+ when one is found, GraalPy otherwise. One
     * per command: batch grading's threads share it (GraalPy keeps a warm worker per thread).
     */
    static Engine engine(GradingOptions options, Console console, Sandbox sandbox) {
        synchronized (options) {
            if (options.engineInUse == null) {
                options.engineInUse = chooseEngine(options, console, sandbox);
            }
            return options.engineInUse;
        }
    }

    private static Engine chooseEngine(GradingOptions options, Console console, Sandbox sandbox) {
        // --engine / --python, then SPROUT_ENGINE / SPROUT_PYTHON, then the workspace's sprout.yaml
        dev.sprout.catalog.WorkspaceConfig config = options.workspace()
                .map(dir -> console.workingDir().resolve(dir).normalize())
                .or(() -> Workspace.find(console.workingDir()).map(Workspace::root))
                .map(dev.sprout.catalog.WorkspaceConfig::load).orElse(dev.sprout.catalog.WorkspaceConfig.NONE);
        java.util.Optional<String> python = options.python()
                .or(() -> java.util.Optional.ofNullable(console.environment().get("SPROUT_PYTHON")).filter(p -> !p.isBlank()))
                .or(config::python);
        InterpreterFinder interpreters = new InterpreterFinder(python, console.environment());
        String name = options.engine == null || options.engine.equals("auto")
                ? console.environment().getOrDefault("SPROUT_ENGINE", config.engine().orElse("auto")) : options.engine;
        try {
            return EngineChoice.choose(name.isBlank() ? "auto" : name, interpreters, sandbox, notice -> {
                console.err().println(notice);
                console.err().flush();
            });
        } catch (IllegalArgumentException e) {
            throw SproutException.invalidInput("Unknown engine '" + name + "' (--engine or SPROUT_ENGINE): use auto, "
                    + "cpython or graalpy.");
        }
    }
}
