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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.sprout.catalog.CatalogException;
import dev.sprout.runner.EngineChoice;
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

    /**
     * For a JVM that runs many commands one after another (the warm server): GraalPy's workers
     * stay warm between them instead of starting cold for every submit.
     */
    public static void keepEnginesWarm(boolean on) {
        EngineChoice.keepGraalPyWarm(on);
    }

    /** Runs one command line and returns its exit code. */
    public static int run(Console console, String... args) {
        CommandLine line = commandLine(console, commandNamed(args), registered(args));
        int code = line.execute(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    /** A command: its class (whose annotation names and describes it) and how to make one. */
    record Entry(Class<?> type, Function<Console, Object> make) {}

    /**
     * Every command by name, in the order {@code --help} lists them. Each is made only when
     * needed: picocli reads a command's options when it is registered, and a command's classes
     * (JSON, the grading engine) load with it, which {@code sprout next} should not pay for.
     */
    static final Map<String, Entry> COMMANDS = commands();

    private static Map<String, Entry> commands() {
        Map<String, Entry> commands = new LinkedHashMap<>();
        commands.put("submit", new Entry(SubmitCommand.class, c -> new SubmitCommand(c)));
        commands.put("doctor", new Entry(DoctorCommand.class, c -> new DoctorCommand(c)));
        commands.put("grade", new Entry(GradeCommand.class, c -> new GradeCommand(c)));
        commands.put("init", new Entry(InitCommand.class, c -> new InitCommand(c)));
        commands.put("next", new Entry(NextCommand.class, c -> new NextCommand(c)));
        commands.put("list", new Entry(ListCommand.class, c -> new ListCommand(c)));
        commands.put("hint", new Entry(HintCommand.class, c -> new HintCommand(c)));
        commands.put("reset", new Entry(ResetCommand.class, c -> new ResetCommand(c)));
        commands.put("run", new Entry(RunCommand.class, c -> new RunCommand(c)));
        commands.put("progress", new Entry(ProgressCommand.class, c -> new ProgressCommand(c)));
        commands.put("watch", new Entry(WatchCommand.class, c -> new WatchCommand(c)));
        commands.put("completion", new Entry(ShellCompletionCommand.class, c -> new ShellCompletionCommand(c)));
        return Collections.unmodifiableMap(commands);
    }

    /** Which commands a command line registers, and how. */
    enum Registered {
        /** the one command it runs */
        ONE,
        /** every command by name and description only: --help's list, a mistyped command's suggestions */
        NAMES,
        /** every command whole: {@code completion} describes every option */
        ALL
    }

    /**
     * The one command {@code args} runs, when it names one; empty for the top level ({@code
     * --help}, {@code --version}, nothing), a mistyped command and {@code completion}.
     */
    static Optional<String> commandNamed(String... args) {
        return firstWord(args).filter(COMMANDS::containsKey).filter(name -> !name.equals("completion"));
    }

    static Registered registered(String... args) {
        Optional<String> first = firstWord(args);
        if (first.isPresent() && first.get().equals("completion")) {
            return Registered.ALL;
        }
        return commandNamed(args).isPresent() ? Registered.ONE : Registered.NAMES;
    }

    private static Optional<String> firstWord(String... args) {
        for (String arg : args) {
            // the top level has only --help and --version, which take no value
            if (!arg.startsWith("-")) {
                return Optional.of(arg);
            }
        }
        return Optional.empty();
    }

    static CommandLine commandLine(Console console) {
        return commandLine(console, Optional.empty());
    }

    /** @param only the one command to register; every command, whole, when empty */
    static CommandLine commandLine(Console console, Optional<String> only) {
        return commandLine(console, only, only.isPresent() ? Registered.ONE : Registered.ALL);
    }

    private static CommandLine commandLine(Console console, Optional<String> only, Registered registered) {
        CommandLine.IFactory factory = new CommandFactory(console);
        CommandLine line = new CommandLine(new Main(console), factory);
        COMMANDS.forEach((name, command) -> {
            switch (registered) {
                case ONE -> {
                    if (only.isPresent() && only.get().equals(name)) {
                        line.addSubcommand(new CommandLine(command.make().apply(console), factory));
                    }
                }
                case NAMES -> line.addSubcommand(name, nameOnly(command.type()));
                case ALL -> line.addSubcommand(new CommandLine(command.make().apply(console), factory));
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

    /**
     * A stand-in that --help lists as the command itself (name and description from its
     * annotation) without picocli reading its options and mixins; it never runs: a line that
     * runs a command registers that command whole.
     */
    private static CommandSpec nameOnly(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(command.name());
        spec.usageMessage().description(command.description());
        return spec;
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

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // `sprout` alone: the same help as --help, with the commands
        spec.commandLine().usage(console.out());
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
