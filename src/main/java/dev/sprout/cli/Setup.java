package dev.sprout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import dev.sprout.catalog.Pack;
import dev.sprout.catalog.Workspace;
import dev.sprout.catalog.WorkspaceConfig;
import dev.sprout.grading.Grader;
import dev.sprout.runner.Engine;
import dev.sprout.runner.EngineChoice;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.sandbox.Tier;

/** Finds the workspace and pack and builds the engine a command grades with. */
final class Setup {

    private Setup() {}

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
        return Workspace.find(console.workingDir())
                .orElseThrow(() -> SproutException.invalidInput(
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
        return BuiltInPack.locate(console.environment())
                .map(Pack::load)
                .orElseThrow(() -> SproutException.invalidInput(
                        "No graders found: pass --pack DIR (a folder with exercises/ and graders/)."));
    }

    /**
     * The pack {@code sprout grade} grades with, and how reports name it.
     *
     * @param description "the built-in pack /path (sha256 0123…)": what every report prints
     */
    record GradingPack(Pack pack, String description) {}

    /**
     * The pack for {@code sprout grade}: --pack DIR, else the one sprout ships with. Never,
     * unless {@code trustTree}, a pack inside the graded tree: whoever can change the tree (a
     * pull request, a student in a batch) could otherwise reduce every check to "passes".
     *
     * @param tree    the graded tree: the repository or workspace, or the batch folder
     * @param ownPack the workspace whose graders/ --trust-tree-pack would use (none in a batch)
     */
    static GradingPack gradingPack(
            GradingOptions options, Console console, Path tree, Optional<Path> ownPack, boolean trustTree) {
        Path realTree = realPath(tree);
        Pack pack;
        String source;
        if (options.pack().isPresent()) {
            Path dir = console.workingDir().resolve(options.pack().get()).normalize();
            boolean inside = realPath(dir).startsWith(realTree);
            if (inside && !trustTree) {
                throw SproutException.invalidInput("--pack " + options.pack().get()
                        + " is inside the tree being graded ("
                        + tree + "): whoever can change that tree could change its graders. Keep the pack outside it, "
                        + "or add --trust-tree-pack if everyone who can change " + tree + " may change the grading.");
            }
            pack = Pack.load(dir);
            source = inside ? "the graded tree's own pack (--trust-tree-pack)" : "the pack";
        } else if (ownPack.filter(dir -> Files.isDirectory(dir.resolve("graders")))
                        .isPresent()
                && trustTree) {
            pack = Pack.load(ownPack.get());
            source = "the graded tree's own pack (--trust-tree-pack)";
        } else {
            Optional<Path> builtIn = BuiltInPack.locate(console.environment());
            // from a checkout the built-in pack is sprout's own repository, which may be the tree graded here
            boolean ownRepository =
                    builtIn.map(Setup::realPath).filter(realTree::equals).isPresent();
            Optional<Path> ignored = ownPack.map(dir -> dir.resolve("graders")).filter(Files::isDirectory);
            if (ignored.isPresent() && !ownRepository) {
                warn(
                        console,
                        ignored.get() + " is ignored: `sprout grade` grades with the built-in pack or "
                                + "--pack DIR, never with graders the graded tree brings (a pull request could change them). "
                                + "Pass --trust-tree-pack to grade with them anyway.");
            }
            pack = builtIn.map(Pack::load)
                    .orElseThrow(() -> SproutException.invalidInput(
                            "No graders found: pass --pack DIR (a folder with exercises/ and graders/)."));
            source = "the built-in pack";
        }
        GradingPack chosen = new GradingPack(pack, source + " " + pack.root() + " (sha256 " + pack.fingerprint() + ")");
        if (source.contains("--trust-tree-pack")) {
            // loud on purpose: a grade from graders the learner could edit is worth only the trust in that tree
            warn(
                    console,
                    "grading with graders from inside the graded tree (" + pack.graders() + "): anyone who can "
                            + "change " + tree + " can change these grades.");
            if ("true".equals(console.environment().get("GITHUB_ACTIONS"))) {
                console.err()
                        .println("::warning title=sprout pack::Graded with graders from inside the graded tree "
                                + "(--trust-tree-pack): a pull request can change them.");
            }
        }
        return chosen;
    }

    static void warn(Console console, String message) {
        console.err().println(console.style().yellow("warning: ") + message);
        console.err().flush();
    }

    static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /** The sandbox to run learner code in; says once, on stderr, when it isolates less than tier A. */
    static Sandbox sandbox(GradingOptions options, Console console) {
        Sandbox sandbox = Sandboxes.choose(options.sandbox);
        sandbox.warning()
                .ifPresent(warning -> console.err().println(console.style().yellow(warning)));
        if (sandbox.tier() != Tier.BWRAP && "true".equals(console.environment().get("GITHUB_ACTIONS"))) {
            // in CI a weak sandbox lets a pull request read the runner's secrets: say so where reviewers look
            console.err()
                    .println(
                            "::warning title=sprout sandbox::Learner code runs in sandbox tier "
                                    + sandbox.tier().letter() + " here, which does not isolate it from this runner. "
                                    + "Lift the AppArmor user-namespace restriction so bubblewrap works (sprout's action does: "
                                    + "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0); `sprout doctor` explains.");
        }
        console.err().flush();
        return sandbox;
    }

    /** A grader with the command line's limit overrides. */
    static Grader grader(GradingOptions options, Console console, Sandbox sandbox) {
        checkLimits(options);
        return new Grader(
                engine(options, console, sandbox),
                Optional.ofNullable(options.cpuLimit),
                Optional.ofNullable(options.timeLimit),
                Optional.ofNullable(options.memoryLimit));
    }

    /** The limit options are in range (grading and `run` share them). */
    static void checkLimits(GradingOptions options) {
        for (Double seconds : new Double[] {options.timeLimit, options.cpuLimit}) {
            if (seconds != null && (seconds <= 0 || seconds > 600)) {
                throw SproutException.invalidInput(
                        "A time limit must be more than 0 and at most 600 seconds, not " + seconds + ".");
            }
        }
        if (options.memoryLimit != null && (options.memoryLimit < 16 || options.memoryLimit > 65536)) {
            throw SproutException.invalidInput(
                    "--memory-limit takes megabytes between 16 and 65536, not " + options.memoryLimit + ".");
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

    /**
     * {@code sprout grade} reads no setting from the graded tree: a {@code python: ./evil.sh} there
     * would run on the host, outside any sandbox, before a single check. Say so, loudly.
     */
    private static WorkspaceConfig ignoredConfig(Console console, Optional<Path> workspace) {
        if (workspace.isEmpty()) {
            return WorkspaceConfig.NONE;
        }
        Path file = workspace.get().resolve(WorkspaceConfig.FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            warn(
                    console,
                    file + " is ignored: `sprout grade` takes the Python and the engine only from --python/"
                            + "--engine, SPROUT_PYTHON/SPROUT_ENGINE or PATH, never from the tree it grades (its python: "
                            + "would run on this machine outside the sandbox).");
            if ("true".equals(console.environment().get("GITHUB_ACTIONS"))) {
                console.err()
                        .println("::warning title=sprout.yaml ignored::sprout grade ignores the graded tree's "
                                + "sprout.yaml; set the Python with --python or SPROUT_PYTHON.");
            }
        }
        return WorkspaceConfig.NONE;
    }

    /**
     * At the keyboard the workspace is the learner's own, so its sprout.yaml counts; but its
     * {@code python:} runs on the host, unsandboxed, so it must name an interpreter by absolute
     * path outside the workspace: a mentor who runs {@code sprout submit} in a student's clone must
     * not run a program the clone brought.
     */
    static String checkedPython(Path root, String python) {
        Path path = Path.of(python);
        if (!path.isAbsolute()
                || realPath(path).startsWith(realPath(root))
                || path.normalize().startsWith(root)) {
            throw SproutException.invalidInput(root.resolve(WorkspaceConfig.FILE) + ": python: must be the absolute "
                    + "path of an interpreter outside the workspace (e.g. /usr/bin/python3), not " + python
                    + ": sprout runs it outside the sandbox. Fix the line, or use --python PATH.");
        }
        return python;
    }

    private static Engine chooseEngine(GradingOptions options, Console console, Sandbox sandbox) {
        // --engine / --python, then SPROUT_ENGINE / SPROUT_PYTHON, then the workspace's sprout.yaml
        Optional<Path> workspace = options.workspace()
                .map(dir -> console.workingDir().resolve(dir).normalize())
                .or(() -> Workspace.find(console.workingDir()).map(Workspace::root));
        WorkspaceConfig config = options.treeUntrusted
                ? ignoredConfig(console, workspace)
                : workspace.map(WorkspaceConfig::load).orElse(WorkspaceConfig.NONE);
        Optional<String> python = options.python()
                .or(() -> Optional.ofNullable(console.environment().get("SPROUT_PYTHON"))
                        .filter(p -> !p.isBlank()))
                .or(() -> config.python().map(fromFile -> checkedPython(workspace.orElseThrow(), fromFile)));
        InterpreterFinder interpreters = new InterpreterFinder(python, console.environment());
        String name = options.engine == null || options.engine.equals("auto")
                ? console.environment()
                        .getOrDefault("SPROUT_ENGINE", config.engine().orElse("auto"))
                : options.engine;
        try {
            return EngineChoice.choose(name.isBlank() ? "auto" : name, interpreters, sandbox, notice -> {
                console.err().println(notice);
                console.err().flush();
            });
        } catch (IllegalArgumentException e) {
            throw SproutException.invalidInput(
                    "Unknown engine '" + name + "' (--engine or SPROUT_ENGINE): use auto, " + "cpython or graalpy.");
        }
    }
}
