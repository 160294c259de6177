package dev.sprout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.sprout.catalog.Exercise;
import dev.sprout.result.GradeResult;
import dev.sprout.report.Style;

/**
 * What happens after a grading, for submit and watch alike: the attempt is counted; a pass
 * marks the exercise done, reveals the reference solution into {@code solutions/<slug>/} (as
 * rustlings does), moves on to the next exercise and says how to commit.
 */
final class Completion {

    private Completion() {
    }

    /** What a pass changed, for the caller to show. */
    record Passed(Optional<Path> solution, Optional<Exercise> next, List<String> commitPaths, boolean firstTime) {
    }

    static Optional<Passed> record(Learner learner, Exercise exercise, GradeResult result) throws IOException {
        learner.progress().countAttempt(exercise.id());
        if (!result.passed()) {
            learner.progress().save();
            return Optional.empty();
        }
        boolean firstTime = !learner.progress().isDone(exercise.id());
        learner.progress().markDone(exercise.id());
        Optional<Path> solution = revealSolution(learner, exercise);
        Optional<Exercise> next = learner.progress().nextAfter(learner.pack(), exercise);
        next.ifPresent(learner.progress()::setCurrent);
        learner.progress().save();
        List<String> paths = new ArrayList<>();
        paths.add(learner.workspace().exerciseDir(exercise).toString());
        solution.ifPresent(s -> paths.add(s.getParent().toString()));
        paths.add(learner.workspace().stateDir().resolve("progress.json").toString());
        return Optional.of(new Passed(solution, next, paths, firstTime));
    }

    private static Optional<Path> revealSolution(Learner learner, Exercise exercise) throws IOException {
        Path reference = exercise.graderDir().resolve("solution.py");
        if (!Files.isRegularFile(reference)) {
            return Optional.empty();
        }
        Path target = learner.workspace().root().resolve("solutions").resolve(exercise.slug())
                .resolve(Path.of(exercise.spec().entry()).getFileName().toString());
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Files.copy(reference, target);
        }
        return Optional.of(target);
    }

    /** Tells the learner what the pass means and what to do next; commits when asked. */
    static void show(Console console, Learner learner, Exercise exercise, Passed passed, boolean commit) {
        show(console, learner, exercise, passed, commit, false);
    }

    /** @param watching in watch mode, where `n` moves on */
    static void show(Console console, Learner learner, Exercise exercise, Passed passed, boolean commit,
                     boolean watching) {
        Style style = console.style();
        var out = console.out();
        out.println();
        passed.solution().ifPresent(s -> out.println("Compare with a model answer: " + learner.shown(s)));
        Optional<GitRepo> git = GitRepo.find(learner.workspace().root());
        if (git.isPresent()) {
            List<String> relative = passed.commitPaths().stream()
                    .map(p -> console.workingDir().relativize(Path.of(p)).toString().replace('\\', '/'))
                    .map(p -> p.isEmpty() ? "." : p)
                    .toList();
            String message = "Solve " + exercise.id();
            if (commit) {
                commit(console, git.get(), passed.commitPaths(), message, relative);
            } else {
                out.println("Save this step in git (the roadmap says: commit daily):");
                out.println("  git add " + String.join(" ", relative) + " && git commit -m \"" + message + "\"");
            }
        }
        if (passed.next().isPresent()) {
            Exercise next = passed.next().get();
            String place = Learner.place(next);
            out.println(style.bold("Next up: ") + next.spec().title() + (place.isBlank() ? "" : " (" + place + ")")
                    + (watching ? ". Press n to start it." : ". Run `sprout next` to read it."));
        } else {
            out.println(style.green("🎉 That was the last exercise. You have finished them all!"));
        }
        out.flush();
    }

    private static void commit(Console console, GitRepo git, List<String> paths, String message, List<String> shown) {
        Optional<GitRepo.Result> added = git.add(paths);
        Optional<GitRepo.Result> committed = added.filter(GitRepo.Result::ok).flatMap(a -> git.commit(message));
        if (committed.filter(GitRepo.Result::ok).isPresent()) {
            console.out().println(console.style().green("✓ ") + "Committed: \"" + message + "\"");
            return;
        }
        String said = committed.or(() -> added).map(r -> r.output().strip()).orElse("git could not be run");
        console.err().println(console.style().yellow("note: ") + "The commit did not work. git said: "
                + said.lines().findFirst().orElse(said));
        console.err().println("  Try it yourself: git add " + String.join(" ", shown) + " && git commit -m \"" + message + "\"");
    }
}
