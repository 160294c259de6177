package dev.sprout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import dev.sprout.catalog.Exercise;
import dev.sprout.grading.SproutConfig;
import dev.sprout.runner.Interpreter;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.SandboxRequest;
import dev.sprout.sandbox.SandboxedProcess;
import dev.sprout.sandbox.Sandboxes;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run your program so you can try it yourself: type answers when it asks (input() works).",
        footer = {RunCommand.LIMITS_HELP, ExitCode.HELP_RUN})
final class RunCommand implements Callable<Integer> {

    /**
     * Runs inside the sandbox: copies the learner's files into the writable scratch folder (on
     * tier A that folder is a fresh tmpfs, so the copy must happen inside), then runs the entry
     * file as {@code __main__} with the scratch folder first on sys.path, as `python file.py` would.
     */
    private static final String BOOTSTRAP = String.join(
            "\n",
            "import sys",
            "def _sprout_limit():",
            "    import os, resource",
            "    cpu = int(os.environ.pop('SPROUT_RUN_CPU_S', '0'))",
            "    if cpu > 0:",
            "        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))",
            "    memory = int(os.environ.pop('SPROUT_RUN_MEMORY_BYTES', '0'))",
            "    if memory > 0:",
            "        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))",
            "_sprout_limit()",
            "def _sprout_prepare():",
            "    import os, shutil",
            "    src, scratch = sys.argv[1], sys.argv[2]",
            "    os.chdir(scratch)",
            "    for name in os.listdir(src):",
            "        path = os.path.join(src, name)",
            "        if os.path.isdir(path):",
            "            shutil.copytree(path, name, dirs_exist_ok=True)",
            "        else:",
            "            shutil.copy(path, name)",
            "    sys.path.insert(0, scratch)",
            "    sys.argv = [sys.argv[3]] + sys.argv[4:]",
            "_sprout_prepare()",
            "# a package entry (inventory/) runs as `python -m inventory`; its files are the learner's",
            "_sprout_package = sys.argv[0][:-1] if sys.argv[0].endswith('/') else None",
            "_sprout_mine = (__import__('os').path.join(__import__('os').getcwd(), _sprout_package or '-') + '/')",
            "try:",
            "    if _sprout_package:",
            "        __import__('runpy').run_module(_sprout_package, run_name='__main__', alter_sys=True)",
            "    else:",
            "        __import__('runpy').run_path(sys.argv[0], run_name='__main__')",
            "except (SystemExit, KeyboardInterrupt):",
            "    raise",
            "except BaseException as error:",
            "    # show the learner's frames only, not this bootstrap's or runpy's",
            "    tb = error.__traceback__",
            "    while tb is not None and tb.tb_frame.f_code.co_filename != sys.argv[0] \\",
            "            and not (_sprout_package and tb.tb_frame.f_code.co_filename.startswith(_sprout_mine)):",
            "        tb = tb.tb_next",
            "    if _sprout_package:  # its files by the names the learner knows: inventory/models.py",
            "        text = ''.join(__import__('traceback').format_exception(type(error), error, tb))",
            "        sys.stderr.write(text.replace(_sprout_mine[:-len(_sprout_package) - 1], ''))",
            "    else:",
            "        __import__('traceback').print_exception(type(error), error, tb)",
            "    sys.exit(1)");

    /** Someone is typing: the program may wait for them for a long time, but not forever. */
    private static final Duration SESSION = Duration.ofHours(2);
    /** Computing time, unlike waiting for the keyboard, is not spent by typing: a minute is plenty. */
    static final Duration CPU = Duration.ofSeconds(60);
    /** 128 + SIGXCPU / SIGKILL: how a process killed by its CPU limit ends (soft, then hard limit). */
    private static final Set<Integer> CPU_EXITS = Set.of(128 + 24, 128 + 9, -24, -9);

    static final String LIMITS_HELP = "%nLimits: your program may use --cpu-limit seconds of computing time "
            + "(default " + 60 + "; waiting for you to type costs none), --memory-limit megabytes of memory (default: "
            + "the exercise's, usually 512) and run --time-limit seconds in all (default: 2 hours). Past a limit "
            + "sprout stops it and says which.%n";

    private final Console console;

    @Mixin
    GradingOptions options;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "EXERCISE",
            description = "The exercise whose program to run (e.g. hello-input). Default: the one you are on.")
    String exercise;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for your program (sys.argv[1:]).")
    List<String> arguments = new ArrayList<>();

    RunCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Learner learner = Learner.open(options, console);
        Exercise chosen = learner.exercise(Optional.ofNullable(exercise), console.workingDir());
        Path file = learner.learnerFile(chosen);
        if (!Learner.present(chosen, file)) {
            throw SproutException.invalidInput("Your " + (chosen.spec().isPackage() ? "folder " : "file ")
                    + learner.shownEntry(chosen) + " is missing. Run `sprout reset " + chosen.id()
                    + "` to get the starter back.");
        }
        if (chosen.spec().entry().endsWith(".sql")) {
            throw SproutException.invalidInput(
                    "The file " + learner.shown(file) + " holds SQL queries, which `sprout run` "
                            + "cannot start: check them with `sprout submit " + chosen.id() + "`.");
        }
        Setup.checkLimits(options);
        Sandbox sandbox = Setup.sandbox(options, console);
        Interpreter python = new InterpreterFinder(options.python(), console.environment())
                .find(chosen.spec().requires());
        Path root = Sandboxes.newWorkspace();
        try {
            Path source = Files.createDirectory(root.resolve("src"));
            Path scratch = Files.createDirectory(root.resolve("scratch"));
            Path exerciseDir = learner.workspace().exerciseDir(chosen);
            for (Path relative : FileTrees.files(exerciseDir)) {
                Files.createDirectories(source.resolve(relative.toString()).getParent());
                Files.copy(exerciseDir.resolve(relative.toString()), source.resolve(relative.toString()));
            }
            List<String> command = new ArrayList<>(List.of(
                    python.executable().toString(),
                    "-B",
                    "-s",
                    "-c",
                    BOOTSTRAP,
                    source.toString(),
                    scratch.toString(),
                    chosen.spec().entry()));
            command.addAll(arguments);
            List<Path> readOnly = new ArrayList<>(python.prefixes());
            readOnly.add(python.executable().getParent());
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("LANG", "C.UTF-8");
            env.put("PYTHONIOENCODING", "utf-8");
            // prompts and prints must reach the learner before input() waits, even through pipes
            env.put("PYTHONUNBUFFERED", "1");
            env.put("HOME", scratch.toString());
            Optional.ofNullable(console.environment().get("TERM")).ifPresent(t -> env.put("TERM", t));
            Limits limits = runLimits(SproutConfig.applied(chosen.spec().limits(), Limits.DEFAULTS));
            env.put("SPROUT_RUN_CPU_S", String.valueOf((long)
                    Math.ceil(limits.cpu().toMillis() / 1000.0)));
            env.put("SPROUT_RUN_MEMORY_BYTES", String.valueOf(limits.memoryBytes()));
            console.err()
                    .println(console.style()
                            .dim("Running " + learner.shown(file) + " with " + python.describe()
                                    + ". Files it writes are thrown away afterwards. Ctrl-C stops it."));
            console.err().flush();
            int exit;
            SandboxedProcess started;
            try {
                started = sandbox.start(new SandboxRequest(command, source, scratch, readOnly, env, limits));
            } catch (IOException e) {
                throw SproutException.invalidInput("Could not start your program with " + python.describe()
                        + " in the sandbox: " + e.getMessage());
            }
            try (SandboxedProcess process = started) {
                Thread out = pump(process.stdout(), console.out(), "sprout-run-out");
                Thread err = pump(process.stderr(), console.err(), "sprout-run-err");
                Thread in = feed(console.in(), process.stdin());
                exit = process.waitFor(limits.wall()).orElse(-1);
                out.join(2000);
                err.join(2000);
                in.interrupt();
            }
            console.out().flush();
            if (exit == 0) {
                console.err().println(console.style().dim("Your program finished."));
            } else if (exit == -1) {
                console.err()
                        .println(console.style()
                                .yellow("Your program was stopped after " + describe(limits.wall())
                                        + (options.timeLimit != null ? " (--time-limit)." : ".")));
            } else if (CPU_EXITS.contains(exit)) {
                console.err()
                        .println(console.style()
                                .yellow("Your program was stopped: it used more than "
                                        + describe(limits.cpu())
                                        + " of computing time (--cpu-limit). A loop that never ends is "
                                        + "the usual cause."));
            } else {
                console.err()
                        .println(console.style()
                                .yellow("Your program stopped with exit code " + exit
                                        + ". If Python printed an error above, its last line says what went wrong."));
            }
            console.err().flush();
            return exit == 0 ? ExitCode.OK : ExitCode.FAILED;
        } finally {
            FileTrees.delete(root);
        }
    }

    /** The exercise's memory limit, a minute of computing time and two hours in all, unless the options say otherwise. */
    private Limits runLimits(Limits exercise) {
        Limits limits = exercise.withCpu(CPU).withWall(SESSION).withSubmissionWall(SESSION);
        if (options.cpuLimit != null) {
            limits = limits.withCpu(Duration.ofMillis(Math.round(options.cpuLimit * 1000)));
        }
        if (options.timeLimit != null) {
            Duration wall = Duration.ofMillis(Math.round(options.timeLimit * 1000));
            limits = limits.withWall(wall).withSubmissionWall(wall);
        }
        if (options.memoryLimit != null) {
            limits = limits.withMemoryBytes((long) options.memoryLimit << 20);
        }
        return limits;
    }

    private static String describe(Duration duration) {
        long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
        return seconds % 3600 == 0
                ? seconds / 3600 + (seconds == 3600 ? " hour" : " hours")
                : seconds + (seconds == 1 ? " second" : " seconds");
    }

    private static Thread pump(InputStream from, PrintWriter to, String name) {
        Thread thread = new Thread(
                () -> {
                    try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                        char[] buffer = new char[4096];
                        for (int n; (n = reader.read(buffer)) >= 0; ) {
                            to.write(buffer, 0, n);
                            to.flush();
                        }
                    } catch (IOException e) {
                        // the program ended and its pipe closed: nothing more to show
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Thread feed(InputStream from, OutputStream to) {
        Thread thread = new Thread(
                () -> {
                    // daemon: reading the terminal blocks, and must not keep sprout alive after the program ends
                    try (to) {
                        byte[] buffer = new byte[4096];
                        for (int n; (n = from.read(buffer)) >= 0; ) {
                            to.write(buffer, 0, n);
                            to.flush();
                        }
                    } catch (IOException e) {
                        // the program exited and closed its stdin: what was typed after is not for it
                    }
                },
                "sprout-run-in");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
