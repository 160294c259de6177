package dev.sprout.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

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
        CommandLine line = commandLine(console);
        int code = line.execute(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    static CommandLine commandLine(Console console) {
        CommandLine.IFactory factory = new CommandFactory(console);
        CommandLine line = new CommandLine(new Main(console), factory);
        line.addSubcommand(new CommandLine(new SubmitCommand(console), factory));
        line.addSubcommand(new CommandLine(new DoctorCommand(console), factory));
        line.addSubcommand(new CommandLine(new GradeCommand(console), factory));
        for (Object learnerCommand : new Object[] {
            new InitCommand(console),
            new NextCommand(console),
            new ListCommand(console),
            new HintCommand(console),
            new ResetCommand(console),
            new RunCommand(console),
            new ProgressCommand(console),
            new WatchCommand(console),
            new ShellCompletionCommand(console)
        }) {
            line.addSubcommand(new CommandLine(learnerCommand, factory));
        }
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
