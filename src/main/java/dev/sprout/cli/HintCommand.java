package dev.sprout.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import dev.sprout.catalog.Exercise;
import dev.sprout.report.Style;

@Command(
        name = "hint",
        mixinStandardHelpOptions = true,
        description = "Get one more hint for an exercise each time you ask (the ones you have seen stay shown).",
        footer = ExitCode.HELP_NO_CHECKS)
final class HintCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    WorkspaceOptions options;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "EXERCISE",
            description = "The exercise (e.g. calculator). Default: the one you are on.")
    String exercise;

    HintCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Learner learner = Learner.open(options, console);
        reveal(console, learner, learner.exercise(Optional.ofNullable(exercise), console.workingDir()));
        return ExitCode.OK;
    }

    /** Shows the hints seen so far plus one more, and remembers it. Also watch mode's `h`. */
    static void reveal(Console console, Learner learner, Exercise exercise) {
        Style style = console.style();
        List<String> hints = exercise.spec().hints();
        var out = console.out();
        if (hints.isEmpty()) {
            out.println("This exercise has no hints. Read its README.md again, and look at the hint under each"
                    + " failing check when you run `sprout submit`.");
            out.flush();
            return;
        }
        int seen = learner.progress().hintsRevealed(exercise.id());
        int shown = Math.min(seen + 1, hints.size());
        if (shown != seen) {
            learner.progress().setHintsRevealed(exercise.id(), shown);
            learner.progress().save();
        }
        out.println(style.bold("Hints for " + exercise.spec().title()));
        for (int i = 0; i < shown; i++) {
            String label = "Hint " + (i + 1) + " of " + hints.size() + ": ";
            out.println((i == shown - 1 ? style.yellow(label) : style.dim(label)) + hints.get(i));
        }
        if (shown < hints.size()) {
            out.println(style.dim("Still stuck? Ask again for the next hint."));
        } else {
            out.println(
                    style.dim("That was the last hint. The failing check's own hint in `sprout submit` helps too."));
        }
        out.flush();
    }
}
