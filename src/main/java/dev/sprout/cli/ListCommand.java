package dev.sprout.cli;

import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.sprout.catalog.Exercise;
import dev.sprout.report.Style;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description =
                "List every exercise: done, broken (passed once, fails now), current (the one you are on), or still to do.",
        footer = ExitCode.HELP_NO_CHECKS)
final class ListCommand implements Runnable {

    private final Console console;

    @Mixin
    WorkspaceOptions options;

    @Option(
            names = "--pending",
            description = "Only the exercises still to do, including ones that passed before and fail now.")
    boolean pending;

    @Option(names = "--done", description = "Only the exercises you have finished (and that still pass).")
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
        int idWidth = learner.pack().exercises().stream()
                .mapToInt(e -> e.id().length())
                .max()
                .orElse(10);
        int brokenCount = 0;
        for (Exercise exercise : learner.pack().exercises()) {
            // the latest check decides: an exercise that passed once and fails now is broken, not done
            boolean isBroken = learner.progress().isBroken(exercise.id());
            boolean isDone = learner.progress().isDone(exercise.id()) && !isBroken;
            brokenCount += isBroken ? 1 : 0;
            boolean isCurrent = current.filter(exercise::equals).isPresent();
            if (onlyPending && isDone || onlyDone && !isDone) {
                continue;
            }
            String status = isBroken
                    ? style.red("✗ broken ")
                    : isDone
                            ? style.green("✓ done   ")
                            : isCurrent ? style.yellow("▶ current") : style.dim("· pending");
            String place = Learner.place(exercise);
            console.out()
                    .println(String.format(
                            "%s  %-" + idWidth + "s  %s%s%s",
                            status,
                            exercise.id(),
                            exercise.spec().title(),
                            place.isBlank() ? "" : style.dim("  (" + place + ")"),
                            isBroken
                                    ? style.red("  passed before, fails now: `sprout submit " + exercise.id() + "`")
                                    : ""));
        }
        int count = learner.progress().doneCount(learner.pack()) - brokenCount;
        console.out().println();
        console.out()
                .println(Learner.bar(count, learner.pack().exercises().size(), 20) + " done"
                        + (brokenCount == 0 ? "" : ", " + brokenCount + " broken since passing"));
        console.out().flush();
    }
}
