package dev.sprout.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

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
        progress.recovery()
                .ifPresent(message -> console.err().println(console.style().yellow("note: ") + message));
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
            return named(name.get());
        }
        return progress.current(pack)
                .orElseThrow(() -> SproutException.invalidInput(
                        "You have finished every exercise, so there is no current one. Name one, e.g. `sprout submit "
                                + pack.exercises()
                                        .get(pack.exercises().size() - 1)
                                        .id() + "`, or run `sprout list`."));
    }

    /**
     * The exercise named; else the one whose folder {@code workingDir} is in (as {@code exercism
     * submit} does: the folder you stand in says what you mean); else the current one.
     */
    Exercise exercise(Optional<String> name, Path workingDir) {
        return name.isPresent() ? named(name.get()) : standingIn(workingDir).orElseGet(() -> exercise(name));
    }

    /** The exercise whose folder (or a folder inside it) is {@code dir}. */
    Optional<Exercise> standingIn(Path dir) {
        Path here = dir.toAbsolutePath().normalize();
        return pack.exercises().stream()
                .filter(e -> here.startsWith(
                        workspace.exerciseDir(e).toAbsolutePath().normalize()))
                .findFirst();
    }

    private Exercise named(String name) {
        return pack.find(name)
                .orElseThrow(() -> SproutException.invalidInput("There is no exercise called '" + name
                        + "'."
                        + closest(name).map(id -> " Did you mean `" + id + "`?").orElse("")
                        + " Run `sprout list` to see them all."));
    }

    /** The exercise id a typo most likely meant: at most a third of its letters off. */
    Optional<String> closest(String typed) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Exercise exercise : pack.exercises()) {
            for (String candidate : List.of(exercise.id(), exercise.slug())) {
                int distance = distance(wanted, candidate);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = exercise.id();
                }
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= Math.max(1, wanted.length() / 3)
                ? Optional.of(best)
                : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(previous[j], row[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length()];
    }

    /** The learner's file for an exercise, absolute; for a package entry, its folder. */
    Path learnerFile(Exercise exercise) {
        return workspace.exerciseDir(exercise).resolve(exercise.spec().entryPath());
    }

    /** Whether the learner's file (a package entry: its folder) is there. */
    static boolean present(Exercise exercise, Path learnerFile) {
        return exercise.spec().isPackage()
                ? Files.isDirectory(learnerFile, LinkOption.NOFOLLOW_LINKS)
                : Files.isRegularFile(learnerFile);
    }

    /** The learner's file as they would type it; a package folder ends with '/'. */
    String shownEntry(Exercise exercise) {
        return shown(learnerFile(exercise)) + (exercise.spec().isPackage() ? "/" : "");
    }

    /** A package entry's .py files, relative to its folder ({@code __init__.py}, {@code models.py}…); else empty. */
    static List<String> packageFiles(Exercise exercise, Path folder) {
        if (!exercise.spec().isPackage() || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder, 4)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".py") && !name.contains("__pycache__"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
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
