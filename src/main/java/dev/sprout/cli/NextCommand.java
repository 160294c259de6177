package dev.sprout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.sprout.catalog.Exercise;
import dev.sprout.report.Style;
import dev.sprout.report.TerminalMarkdown;

@Command(
        name = "next",
        mixinStandardHelpOptions = true,
        description = "Show the exercise you are on: what to do and which file to edit.",
        footer = ExitCode.HELP_NO_CHECKS)
final class NextCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    WorkspaceOptions options;

    NextCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Learner learner = Learner.open(options, console);
        Optional<Exercise> current = learner.progress().firstPending(learner.pack());
        if (current.isEmpty()) {
            console.out()
                    .println(console.style()
                            .green("🎉 You have finished all "
                                    + learner.pack().exercises().size() + " exercises. Well done!"));
            console.out().println("Look back at your work with `sprout list`, or see `sprout progress`.");
            return ExitCode.OK;
        }
        Exercise first = current.get();
        if (!learner.progress().current(learner.pack()).equals(current)) {
            learner.progress().setCurrent(first);
            learner.progress().save();
        }
        List<String> ahead = learner.pack().exercises().stream()
                .dropWhile(e -> !e.equals(first))
                .filter(e -> learner.progress().isDone(e.id()))
                .map(Exercise::id)
                .toList();
        if (!ahead.isEmpty()) {
            console.out()
                    .println(
                            console.style().yellow("note: ") + "You jumped ahead and solved " + String.join(", ", ahead)
                                    + ". sprout goes through the roadmap in order, so you are back on " + first.id()
                                    + ", the first exercise not finished yet.");
            console.out().println();
        }
        show(console, learner, first);
        return ExitCode.OK;
    }

    /** The exercise card: also what watch mode shows for `n`. */
    static void show(Console console, Learner learner, Exercise exercise) throws IOException {
        Style style = console.style();
        var out = console.out();
        String place = Learner.place(exercise);
        out.println(style.bold(exercise.spec().title()) + (place.isBlank() ? "" : style.dim("  (" + place + ")")));
        out.println();
        Path readme = learner.workspace().exerciseDir(exercise).resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            readme = learner.pack().starterDir(exercise).resolve("README.md");
        }
        if (Files.isRegularFile(readme)) {
            new TerminalMarkdown(style)
                    .render(Files.readString(readme, StandardCharsets.UTF_8), true)
                    .forEach(line -> out.println("  " + line));
            out.println();
        }
        out.println(style.bold("Edit: ") + learner.shownEntry(exercise));
        List<String> files = Learner.packageFiles(exercise, learner.learnerFile(exercise));
        if (!files.isEmpty()) {
            out.println("  the package's files: " + String.join(", ", files));
        }
        int done = learner.progress().doneCount(learner.pack());
        out.println(style.bold("Progress: ")
                + Learner.bar(done, learner.pack().exercises().size(), 20));
        out.println(
                style.dim("Check it with `sprout submit` (or leave `sprout watch` running). Stuck? `sprout hint`."));
        out.flush();
    }
}
