package dev.sprout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;
import dev.sprout.catalog.Progress;
import dev.sprout.catalog.Workspace;

/**
 * What the learner commands share: the workspace, the pack it was made from, and its progress.
 * Opening one tells the learner, once, when the progress file had to be recovered.
 */
record Learner(Workspace workspace, Pack pack, Progress progress) {

    static Learner open(Optional<Path> workspaceOption, Optional<Path> packOption, Console console) {
        Workspace workspace = Setup.workspace(workspaceOption, console);
        Progress progress = Progress.load(workspace);
        progress.recovery().ifPresent(message -> console.err().println(console.style().yellow("note: ") + message));
        Optional<Path> pack = packOption.or(() -> progress.pack().map(Path::of).filter(Files::isDirectory));
        return new Learner(workspace, Setup.pack(pack, console, Optional.of(workspace)), progress);
    }

    static Learner open(WorkspaceOptions options, Console console) {
        return open(options.workspace(), options.pack(), console);
    }

    static Learner open(GradingOptions options, Console console) {
        return open(options.workspace(), options.pack(), console);
    }

    /** The exercise named, or the current one when no name is given. */
    Exercise exercise(Optional<String> name) {
        if (name.isPresent()) {
            return pack.find(name.get()).orElseThrow(() -> SproutException.invalidInput(
                    "There is no exercise called '" + name.get() + "'. Run `sprout list` to see them all."));
        }
        return progress.current(pack).orElseThrow(() -> SproutException.invalidInput(
                "You have finished every exercise, so there is no current one. Name one, e.g. `sprout submit "
                        + pack.exercises().get(pack.exercises().size() - 1).id() + "`, or run `sprout list`."));
    }

    /** The learner's file for an exercise, absolute. */
    Path learnerFile(Exercise exercise) {
        return workspace.exerciseDir(exercise).resolve(exercise.spec().entry());
    }

    /** A path as the learner would type it from the workspace root. */
    String shown(Path path) {
        return workspace.root().relativize(path).toString().replace('\\', '/');
    }

    /** "Month 1 · Week 1 · Monday", or the stage folder when the spec names no place. */
    static String place(Exercise exercise) {
        String described = exercise.spec().place().describe();
        if (!described.isBlank()) {
            return described;
        }
        Path stage = exercise.relativeDir().getParent();
        return stage == null ? "" : stage.getFileName().toString();
    }

    /** [#####-----] 3/12 */
    static String bar(int done, int total, int width) {
        int filled = total == 0 ? 0 : Math.round((float) done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total;
    }
}
