package dev.sprout.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.sprout.catalog.CatalogException;
import dev.sprout.runner.FolderRefused;
import dev.sprout.runner.RunnerException;
import dev.sprout.sandbox.ProcessLaunch;
import dev.sprout.sandbox.SandboxUnavailableException;
import dev.sprout.spec.SpecException;

/** The sprout command line. Only {@link #main} exits the JVM. */
@Command(
        name = "sprout",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Learn Python one exercise at a time: sprout shows the next exercise and checks your code.",
        footer = ExitCode.HELP)
public final class Main implements Runnable {

    private final Console console;

    Main(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        ProcessLaunch.configure();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Console console = new Console(
                out, err, System.getenv(), Path.of("").toAbsolutePath(), System.console() != null, System.in);
        System.exit(run(console, args));
    }

    /** Runs one command line and returns its exit code. */
    public static int run(Console console, String... args) {
        CommandLine line = commandLine(console, commandNamed(args));
        int code = line.execute(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    /**
     * Every command by name, in the order {@code --help} lists them. Each is made only when
     * needed: picocli reads a command's options when it is registered, and a command's classes
     * (JSON, the grading engine) load with it, which {@code sprout next} should not pay for.
     */
    static final Map<String, Function<Console, Object>> COMMANDS = commands();

    private static Map<String, Function<Console, Object>> commands() {
        Map<String, Function<Console, Object>> commands = new LinkedHashMap<>();
        commands.put("submit", c -> new SubmitCommand(c));
        commands.put("doctor", c -> new DoctorCommand(c));
        commands.put("grade", c -> new GradeCommand(c));
        commands.put("init", c -> new InitCommand(c));
        commands.put("next", c -> new NextCommand(c));
        commands.put("list", c -> new ListCommand(c));
        commands.put("hint", c -> new HintCommand(c));
        commands.put("reset", c -> new ResetCommand(c));
        commands.put("run", c -> new RunCommand(c));
        commands.put("progress", c -> new ProgressCommand(c));
        commands.put("watch", c -> new WatchCommand(c));
        commands.put("completion", c -> new ShellCompletionCommand(c));
        return Collections.unmodifiableMap(commands);
    }

    /**
     * The one command {@code args} runs, when it names one; empty for the top level ({@code
     * --help}, {@code --version}), a mistyped command (whose suggestions need every name) and
     * {@code completion} (which describes every command).
     */
    static Optional<String> commandNamed(String... args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                // the top level has only --help and --version, which take no value
                continue;
            }
            return COMMANDS.containsKey(arg) && !arg.equals("completion") ? Optional.of(arg) : Optional.empty();
        }
        return Optional.empty();
    }

    static CommandLine commandLine(Console console) {
        return commandLine(console, Optional.empty());
    }

    /** @param only the one command to register; every command when empty */
    static CommandLine commandLine(Console console, Optional<String> only) {
        CommandLine.IFactory factory = new CommandFactory(console);
        CommandLine line = new CommandLine(new Main(console), factory);
        COMMANDS.forEach((name, command) -> {
            if (only.isEmpty() || only.get().equals(name)) {
                line.addSubcommand(new CommandLine(command.apply(console), factory));
            }
        });
        line.setOut(console.out());
        line.setErr(console.err());
        line.setExecutionExceptionHandler((error, commandLine, parseResult) -> report(console, error, parseResult));
        line.setParameterExceptionHandler((error, args) -> {
            console.err().println(error.getMessage());
            // "Did you mean: sprout submit?" for a mistyped command or option (picocli's own guesses)
            CommandLine.UnmatchedArgumentException.printSuggestions(error, console.err());
            console.err()
                    .println("Run `sprout "
                            + String.join(
                                    " ",
                                    error.getCommandLine().getCommandName().equals("sprout")
                                            ? new String[] {"--help"}
                                            : new String[] {
                                                error.getCommandLine().getCommandName(), "--help"
                                            })
                            + "` to see how to use it.");
            return ExitCode.USAGE;
        });
        return line;
    }

    private static int report(Console console, Exception error, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.expandedArgs().contains("--verbose");
        int code;
        String message;
        Optional<FolderRefused> refused = FolderRefused.in(error);
        if (refused.isPresent()) {
            // the learner's folder is the problem (too many files, a link leading out): theirs to fix
            code = ExitCode.USAGE;
            message = refused.get().getMessage();
        } else if (error instanceof SproutException e) {
            code = e.exitCode();
            message = e.getMessage();
        } else if (error instanceof SpecException e) {
            code = ExitCode.USAGE;
            message = "Broken grader spec: " + e.getMessage();
        } else if (error instanceof CatalogException e) {
            code = ExitCode.USAGE;
            message = e.getMessage();
        } else if (error instanceof RunnerException e) {
            code = ExitCode.INTERNAL;
            message = e.getMessage();
        } else if (error instanceof SandboxUnavailableException) {
            code = ExitCode.USAGE;
            message = error.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            message = "sprout failed unexpectedly: " + error + "\nPlease report this, with the output of --verbose.";
        }
        console.err().println(console.style().red("error: ") + message);
        if (verbose) {
            error.printStackTrace(console.err());
        }
        return code;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(console.out());
    }

    /** Commands get the console through their constructor. */
    private record CommandFactory(Console console) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Console.class).newInstance(console);
            } catch (NoSuchMethodException noConsole) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sprout " + (version == null ? "(development build)" : version)};
        }
    }
}
