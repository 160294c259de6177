package dev.sprout.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import dev.sprout.catalog.Exercise;
import dev.sprout.report.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List every exercise: done, current (the one you are on), or still to do.",
        footer = ExitCode.HELP)
final class ListCommand implements Runnable {

    private final Console console;

    @Mixin
    WorkspaceOptions options;

    @Option(names = "--pending", description = "Only the exercises you have not finished yet.")
    boolean pending;

    @Option(names = "--done", description = "Only the exercises you have finished.")
    boolean done;

    ListCommand(Console console) {
        this.console = console;
    }

    @Override
    public void run() {
        print(console, Learner.open(options, console), pending, done);
    }

    /** Also what watch mode shows for `l`. */
    static void print(Console console, Learner learner, boolean onlyPending, boolean onlyDone) {
        Style style = console.style();
        Optional<Exercise> current = learner.progress().current(learner.pack());
        int idWidth = learner.pack().exercises().stream().mapToInt(e -> e.id().length()).max().orElse(10);
        for (Exercise exercise : learner.pack().exercises()) {
            boolean isDone = learner.progress().isDone(exercise.id());
            boolean isCurrent = current.filter(exercise::equals).isPresent();
            if (onlyPending && isDone || onlyDone && !isDone) {
                continue;
            }
            String status = isDone ? style.green("✓ done   ") : isCurrent ? style.yellow("▶ current") : style.dim("· pending");
            String place = Learner.place(exercise);
            console.out().println(String.format("%s  %-" + idWidth + "s  %s%s", status, exercise.id(),
                    exercise.spec().title(), place.isBlank() ? "" : style.dim("  (" + place + ")")));
        }
        int count = learner.progress().doneCount(learner.pack());
        console.out().println();
        console.out().println(Learner.bar(count, learner.pack().exercises().size(), 20) + " done");
        console.out().flush();
    }
}
