package dev.sprout.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.sprout.process.Git;
import dev.sprout.process.HostRun;

/**
 * The few git commands sprout runs for the learner: is this a repository, make one, count
 * commits, commit an exercise. Git is optional: every method copes with it being absent. Every
 * command runs through {@link Git#command(Path, String...)}, sprout's one way of running git.
 *
 * @param environment variables git gets on top of sprout's own: the command's {@link Console}
 *                    environment, so git sees the same identity and config as the command (in
 *                    tests, a private GIT_CONFIG_GLOBAL); empty means sprout's own environment
 */
record GitRepo(Path top, Map<String, String> environment) {

    GitRepo {
        environment = Map.copyOf(environment);
    }

    GitRepo(Path top) {
        this(top, Map.of());
    }

    private static final int OUTPUT_CAP = 64 * 1024;
    /** The learner is waiting at the prompt: give up sooner than grading's git does. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What one git command did. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    static Optional<GitRepo> find(Path dir) {
        return run(dir, "rev-parse", "--show-toplevel")
                .filter(Result::ok)
                .map(r -> new GitRepo(Path.of(r.output().strip())));
    }

    static Optional<GitRepo> find(Path dir, Map<String, String> environment) {
        return run(dir, environment, "rev-parse", "--show-toplevel")
                .filter(Result::ok)
                .map(r -> new GitRepo(Path.of(r.output().strip()), environment));
    }

    /** @return false when git is not installed or failed */
    static boolean init(Path dir) {
        return run(dir, "init", "-q").map(Result::ok).orElse(false);
    }

    /** @return the new repository, or empty when git is not installed or failed */
    static Optional<GitRepo> init(Path dir, Map<String, String> environment) {
        return run(dir, environment, "init", "-q").filter(Result::ok).flatMap(r -> find(dir, environment));
    }

    /**
     * Whether git knows who is committing. {@code git var} applies the same strict check as
     * {@code git commit}, so this is false exactly when a commit would stop with "Please tell me who
     * you are" (no user.name/user.email, or an email git could only guess).
     */
    boolean hasIdentity() {
        return run(top, environment, "var", "GIT_AUTHOR_IDENT")
                        .filter(Result::ok)
                        .isPresent()
                && run(top, environment, "var", "GIT_COMMITTER_IDENT")
                        .filter(Result::ok)
                        .isPresent();
    }

    /** Stages every change under {@code dir}: new, changed and deleted files, minus what .gitignore excludes. */
    Optional<Result> addAll(Path dir) {
        return run(top, environment, "add", "-A", "--", dir.toString());
    }

    int commitCount() {
        return run(top, environment, "rev-list", "--count", "HEAD")
                .filter(Result::ok)
                .map(r -> Integer.parseInt(r.output().strip()))
                .orElse(0);
    }

    Optional<Result> add(List<String> paths) {
        List<String> args = new ArrayList<>(List.of("add", "--"));
        args.addAll(paths);
        return run(top, environment, args.toArray(String[]::new));
    }

    Optional<Result> commit(String message) {
        return run(top, environment, "commit", "-q", "-m", message);
    }

    static Optional<Result> run(Path dir, String... args) {
        return run(dir, Map.of(), args);
    }

    /**
     * Empty when git is not installed or did not finish; its output has stderr interleaved.
     *
     * @param environment variables git gets on top of sprout's own
     */
    static Optional<Result> run(Path dir, Map<String, String> environment, String... args) {
        HostRun run = Git.command(dir, args)
                .addEnvironment(environment)
                .mergeStderr()
                .outputCap(OUTPUT_CAP)
                .timeout(TIMEOUT)
                .run();
        return run.ended() == HostRun.Ended.EXITED
                ? Optional.of(new Result(run.exitValue(), run.stdout()))
                : Optional.empty();
    }
}
