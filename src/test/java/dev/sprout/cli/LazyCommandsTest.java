package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A command line registers only the command it runs, so {@code sprout next} loads neither the
 * grading engine nor JUnit; {@code --help}, a mistyped command and {@code completion} still see
 * every command.
 */
class LazyCommandsTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandIsListedUnderTheNameItsAnnotationGives() {
        Console console =
                CliRun.console(dir, new StringWriter(), new StringWriter(), new ByteArrayInputStream(new byte[0]));
        Main.COMMANDS.forEach((name, entry) -> {
            assertThat(entry.make().apply(console).getClass()).isEqualTo(entry.type());
            assertThat(entry.type().getAnnotation(Command.class).name()).isEqualTo(name);
        });
        CommandLine all = Main.commandLine(console);
        assertThat(new ArrayList<>(all.getSubcommands().keySet())).containsExactlyElementsOf(Main.COMMANDS.keySet());
        assertThat(Main.commandLine(console, Optional.of("next")).getSubcommands())
                .containsOnlyKeys("next");
    }

    @Test
    void onlyANamedCommandIsRegisteredAlone() {
        assertThat(Main.commandNamed("submit", "functions")).contains("submit");
        assertThat(Main.commandNamed("--verbose", "next")).contains("next");
        assertThat(Main.commandNamed("grade", "merge", "a.json")).contains("grade");
        assertThat(Main.commandNamed()).isEmpty();
        assertThat(Main.commandNamed("--help")).isEmpty();
        assertThat(Main.commandNamed("sbumit"))
                .as("suggestions need every name")
                .isEmpty();
        assertThat(Main.commandNamed("completion", "bash")).isEmpty();
        assertThat(Main.registered("completion", "bash")).isEqualTo(Main.Registered.ALL);
        assertThat(Main.registered("--help")).isEqualTo(Main.Registered.NAMES);
        assertThat(Main.registered("sbumit")).isEqualTo(Main.Registered.NAMES);
        assertThat(Main.registered("next")).isEqualTo(Main.Registered.ONE);
    }

    @Test
    void theTopLevelHelpListsEachCommandAsItsWholeRegistrationWould() {
        StringWriter whole = new StringWriter();
        Console console = CliRun.console(dir, whole, new StringWriter(), new ByteArrayInputStream(new byte[0]));
        Main.commandLine(console).usage(new java.io.PrintWriter(whole, true));

        CliRun help = CliRun.in(dir, "--help");
        CliRun bare = CliRun.in(dir);

        assertThat(help.out()).isEqualTo(whole.toString());
        assertThat(bare.out()).as("sprout alone shows the same help").isEqualTo(whole.toString());
    }

    @Test
    void theTopLevelHelpAndAMistypedCommandStillSeeEveryCommand() {
        CliRun help = CliRun.in(dir, "--help");
        assertThat(help.exit()).isZero();
        Main.COMMANDS.keySet().forEach(name -> assertThat(help.out()).contains(name));

        CliRun typo = CliRun.in(dir, "sbumit");
        assertThat(typo.err()).contains("Did you mean", "submit");

        CliRun nextHelp = CliRun.in(dir, "next", "--help");
        assertThat(nextHelp.exit()).isZero();
        assertThat(nextHelp.out()).contains("Usage: sprout next");
    }

    /** In a fresh JVM, as a learner runs it: which classes {@code --help} and {@code next} load. */
    @Test
    @Timeout(120)
    void helpAndNextLoadNoGradingEngineNorJUnit() throws Exception {
        assertThat(CliRun.in(dir, "init", "ws", "--no-git").exit()).isZero();
        for (List<String> args : List.of(List.of("--help"), List.of("next"), List.of("list"))) {
            List<String> loaded = loadedClasses(dir.resolve("ws"), args);
            assertThat(loaded).as("%s ran", args).anyMatch(c -> c.startsWith("dev.sprout.cli."));
            assertThat(loaded)
                    .as("classes %s loads", args)
                    .noneMatch(c -> c.startsWith("org.junit.platform."))
                    .noneMatch(c -> c.startsWith("dev.sprout.grading.") && !c.equals("dev.sprout.grading.Grader"))
                    .noneMatch(c -> c.startsWith("dev.sprout.runner.")
                            && !c.equals("dev.sprout.runner.Engine")
                            && !c.equals("dev.sprout.runner.RunnerException"));
        }
    }

    private static List<String> loadedClasses(Path workspace, List<String> args) throws Exception {
        Path log = Files.createTempFile(workspace.getParent(), "classes", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(workspace.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s exit", args).isZero();
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] words = line.split(" ");
            if (words.length > 1) {
                classes.add(words[1]);
            }
        }
        return classes;
    }
}
