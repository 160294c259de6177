package dev.sprout.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.sprout.catalog.Exercise;

@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = "Put an exercise's starter file back (your own version is saved first, in .sprout/backups).",
        footer = ExitCode.HELP_NO_CHECKS)
final class ResetCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Console console;

    @Mixin
    WorkspaceOptions options;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "EXERCISE",
            description = "The exercise to start again (e.g. calculator). Default: the one whose folder you are in.")
    String exercise;

    @Option(
            names = {"-y", "--yes"},
            description = "Do it without asking first.")
    boolean yes;

    ResetCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Learner learner = Learner.open(options, console);
        // Without a name, only the folder you stand in counts: resetting "the current one" by
        // accident would throw away work the learner did not mean to touch.
        Exercise chosen = exercise != null
                ? learner.exercise(Optional.of(exercise))
                : learner.standingIn(console.workingDir())
                        .orElseThrow(() ->
                                SproutException.invalidInput("Say which exercise to start again, e.g. `sprout reset "
                                        + learner.exercise(Optional.empty(), console.workingDir())
                                                .id()
                                        + "`, or run `sprout reset` inside its folder."));
        String shown = learner.shownEntry(chosen);
        if (!yes) {
            console.out()
                    .print("Put the starter back in " + shown + "? Your version is kept in .sprout/backups/. [y/N] ");
            console.out().flush();
            String answer = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8)).readLine();
            if (answer == null) {
                console.out().println();
                throw SproutException.invalidInput("Nothing was reset: there was no answer to the question. "
                        + "Run `sprout reset " + chosen.id() + " --yes` to reset without being asked.");
            }
            if (!answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                console.out().println("Nothing was reset.");
                return ExitCode.OK;
            }
        }
        Optional<Path> backup = restore(learner, chosen);
        console.out().println(console.style().green("✓ ") + shown + " is back to its starter.");
        backup.ifPresent(b -> console.out().println("  Your version is saved as " + learner.shown(b) + "."));
        return ExitCode.OK;
    }

    /**
     * Backs up the learner's file, then puts the starter back; returns the backup. Also watch mode's `x`.
     * A package entry is backed up and restored as a whole folder: after the backup, files the
     * learner added to it are gone too, so the folder is the starter's again.
     */
    static Optional<Path> restore(Learner learner, Exercise chosen) throws IOException {
        Optional<Path> backup = backup(learner, chosen, learner.learnerFile(chosen));
        Path starters = learner.pack().starterDir(chosen);
        Path target = learner.workspace().exerciseDir(chosen);
        Path entry = Path.of(chosen.spec().entryPath());
        if (chosen.spec().isPackage()) {
            PackageFolders.remove(learner.learnerFile(chosen), target);
        }
        for (Path relative : FileTrees.files(starters)) {
            Path to = target.resolve(relative.toString());
            Files.createDirectories(to.getParent());
            if (relative.toString().equals("README.md")
                    || relative.equals(entry)
                    || chosen.spec().isPackage() && relative.startsWith(entry)) {
                Files.copy(starters.resolve(relative.toString()), to, StandardCopyOption.REPLACE_EXISTING);
            } else if (!Files.exists(to)) {
                // data files the exercise reads come back only when missing: the learner may have edited them on
                // purpose
                Files.copy(starters.resolve(relative.toString()), to);
            }
        }
        return backup;
    }

    private static Optional<Path> backup(Learner learner, Exercise exercise, Path file) throws IOException {
        if (exercise.spec().isPackage()) {
            return PackageFolders.backup(
                    file,
                    learner.workspace().stateDir().resolve("backups"),
                    exercise.id() + "-" + LocalDateTime.now().format(STAMP));
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path dir = learner.workspace().stateDir().resolve("backups");
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(STAMP);
        Path backup = dir.resolve(exercise.id() + "-" + stamp + ".py");
        for (int n = 2; Files.exists(backup); n++) {
            backup = dir.resolve(exercise.id() + "-" + stamp + "-" + n + ".py");
        }
        Files.copy(file, backup);
        return Optional.of(backup);
    }
}
