package dev.sprout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.sprout.catalog.Exercise;
import dev.sprout.report.Style;
import dev.sprout.result.GradeResult;

/**
 * What happens after a grading, for submit and watch alike: the attempt is counted; a pass
 * marks the exercise done, reveals the reference solution into {@code solutions/<slug>/} (as
 * rustlings does), moves on to the first exercise not done yet (rustlings' rule: solving one out of
 * order does not skip the ones before it) and says how to commit.
 */
final class Completion {

    private Completion() {}

    /** What a pass changed, for the caller to show. */
    record Passed(Optional<Path> solution, Optional<Exercise> next, List<String> commitPaths, boolean firstTime) {}

    static Optional<Passed> record(Learner learner, Exercise exercise, GradeResult result) throws IOException {
        learner.progress().countAttempt(exercise.id());
        if (!result.passed()) {
            learner.progress().markFailed(exercise.id());
            learner.progress().save();
            return Optional.empty();
        }
        boolean firstTime = !learner.progress().isDone(exercise.id());
        learner.progress().markDone(exercise.id());
        Optional<Path> solution = revealSolution(learner, exercise);
        Optional<Exercise> next = learner.progress().firstPending(learner.pack());
        next.ifPresent(learner.progress()::setCurrent);
        learner.progress().save();
        // The whole workspace, not only this exercise: progress.json says every earlier exercise is
        // done, so their code, solutions/, .github/, README.md and .gitignore belong in the commit too.
        List<String> paths = new ArrayList<>();
        paths.add(learner.workspace().root().toString());
        return Optional.of(new Passed(solution, next, paths, firstTime));
    }

    private static Optional<Path> revealSolution(Learner learner, Exercise exercise) throws IOException {
        if (exercise.spec().isPackage()) {
            return revealPackage(learner, exercise);
        }
        Path reference = exercise.solution();
        Path folder = learner.workspace().root().resolve("solutions").resolve(exercise.slug());
        if (Files.isDirectory(reference)) {
            // the entry file with its templates/ (or other files): revealed as they sit beside it
            copyMissing(reference, folder);
            return Optional.of(folder);
        }
        if (!Files.isRegularFile(reference)) {
            return Optional.empty();
        }
        Path target =
                folder.resolve(Path.of(exercise.spec().entry()).getFileName().toString());
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Files.copy(reference, target);
        }
        return Optional.of(target);
    }

    /** A package exercise's reference, the folder solution/, as solutions/SLUG/PACKAGE/. */
    private static Optional<Path> revealPackage(Learner learner, Exercise exercise) throws IOException {
        Path reference = exercise.graderDir().resolve("solution");
        if (!Files.isDirectory(reference)) {
            return Optional.empty();
        }
        Path target = learner.workspace()
                .root()
                .resolve("solutions")
                .resolve(exercise.slug())
                .resolve(exercise.spec().entryPath());
        if (!Files.exists(target)) {
            copyMissing(reference, target);
        }
        return Optional.of(target);
    }

    private static void copyMissing(Path from, Path to) throws IOException {
        for (Path relative : FileTrees.files(from)) {
            Path file = to.resolve(relative.toString());
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.copy(from.resolve(relative.toString()), file);
            }
        }
    }

    /** Tells the learner what the pass means and what to do next; commits when asked. */
    static void show(Console console, Learner learner, Exercise exercise, Passed passed, boolean commit) {
        show(console, learner, exercise, passed, commit, false);
    }

    /** @param watching in watch mode, where `n` moves on */
    static void show(
            Console console, Learner learner, Exercise exercise, Passed passed, boolean commit, boolean watching) {
        Style style = console.style();
        var out = console.out();
        out.println();
        passed.solution().ifPresent(s -> out.println("Compare with a model answer: " + learner.shown(s)));
        Optional<GitRepo> git = GitRepo.find(learner.workspace().root(), console.environment());
        if (git.isPresent()) {
            String message = "Solve " + exercise.id();
            String command =
                    commitCommand(console, git.get(), learner.workspace().root(), message);
            if (!git.get().hasIdentity()) {
                identityHelp(console);
                out.println("Then save this step: " + command);
            } else if (commit) {
                commit(console, git.get(), learner.workspace().root(), message, command);
            } else {
                out.println("Save this step in git (the roadmap says: commit daily):");
                out.println("  " + command);
            }
        }
        if (passed.next().isPresent()) {
            Exercise next = passed.next().get();
            String place = Learner.place(next);
            out.println(style.bold("Next up: ")
                    + next.spec().title()
                    + (place.isBlank() ? "" : " (" + place + ")")
                    + (watching ? ". Press n to start it." : ". Run `sprout next` to read it."));
        } else {
            out.println(style.green("🎉 That was the last exercise. You have finished them all!"));
        }
        out.flush();
    }

    private static void commit(Console console, GitRepo git, Path workspace, String message, String command) {
        Optional<GitRepo.Result> added = git.addAll(workspace);
        Optional<GitRepo.Result> committed = added.filter(GitRepo.Result::ok).flatMap(a -> git.commit(message));
        if (committed.filter(GitRepo.Result::ok).isPresent()) {
            console.out().println(console.style().green("✓ ") + "Committed: \"" + message + "\"");
            return;
        }
        String said = committed.or(() -> added).map(r -> r.output().strip()).orElse("git could not be run");
        console.err()
                .println(console.style().yellow("note: ") + "The commit did not work. git said: "
                        + said.lines().findFirst().orElse(said));
        console.err().println("  Try it yourself: " + command);
    }

    /**
     * One command, pasteable where the learner stands, that commits everything the workspace holds
     * (git add -A respects .gitignore). When the workspace is only part of a bigger repository,
     * the add is limited to the workspace's folder.
     */
    static String commitCommand(Console console, GitRepo git, Path workspace, String message) {
        String add = "git add -A";
        if (!same(git.top(), workspace)) {
            String relative =
                    console.workingDir().relativize(workspace).toString().replace('\\', '/');
            add += " " + Shell.quote(relative.isEmpty() ? "." : relative);
        }
        // exercise ids are letters, digits and dashes: double quotes are safe and read naturally
        return add + " && git commit -m \"" + message + "\"";
    }

    private static boolean same(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** What a beginner without a git identity needs to type once, instead of git's own error. */
    static void identityHelp(Console console) {
        var out = console.out();
        out.println(console.style().yellow("note: ") + "git does not know your name yet, so it cannot save commits. "
                + "Tell it once (with your own name and email):");
        out.println("  git config --global user.name \"Your Name\"");
        out.println("  git config --global user.email \"you@example.com\"");
    }
}
