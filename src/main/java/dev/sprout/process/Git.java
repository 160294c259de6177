package dev.sprout.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sprout's one way of running git (the git on PATH, a trusted host tool), and the questions
 * grading asks of it. The learner's repository ({@code cli.GitRepo}) runs its commands through
 * {@link #command(Path, String...)} too.
 */
public final class Git {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ANSWER_CAP = 64 << 20;

    private Git() {}

    /** The repository's top folder, or empty when {@code dir} is not inside a git repository. */
    public static Optional<Path> topLevel(Path dir) {
        try {
            HostRun result = run(dir, "rev-parse", "--show-toplevel");
            return result.exitValue() == 0
                    ? Optional.of(
                            Path.of(result.stdout().strip()).toAbsolutePath().normalize())
                    : Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * Files that differ between {@code ref} and what is here now: committed since the merge base
     * ({@code git diff REF...HEAD}, as a pull request shows), plus staged, unstaged and untracked
     * changes. Absolute paths.
     *
     * @throws IllegalArgumentException when git cannot compare (unknown ref, not a repository)
     */
    public static Set<Path> changedSince(Path dir, String ref) {
        Path top = topLevel(dir)
                .orElseThrow(() -> new IllegalArgumentException(dir
                        + " is not inside a git repository, so --changed-since cannot compare it with " + ref + "."));
        Set<Path> changed = new LinkedHashSet<>();
        HostRun committed = run(top, "diff", "--name-only", "-z", ref + "...HEAD", "--");
        if (committed.exitValue() != 0) {
            throw new IllegalArgumentException("git cannot compare with '" + ref + "': "
                    + committed.stderr().strip()
                    + ". If this is a shallow CI checkout, fetch the history (actions/checkout with fetch-depth: 0).");
        }
        add(changed, top, committed.stdout());
        HostRun uncommitted = run(top, "diff", "--name-only", "-z", "HEAD", "--");
        if (uncommitted.exitValue() == 0) {
            add(changed, top, uncommitted.stdout());
        }
        HostRun untracked = run(top, "ls-files", "--others", "--exclude-standard", "--full-name", "-z");
        if (untracked.exitValue() == 0) {
            add(changed, top, untracked.stdout());
        }
        return changed;
    }

    private static void add(Set<Path> into, Path top, String nulSeparated) {
        for (String name : nulSeparated.split("\u0000")) {
            if (!name.isBlank()) {
                into.add(top.resolve(name).normalize());
            }
        }
    }

    /**
     * A git command in {@code dir}, ready to run: the one place sprout says how git is invoked.
     * Callers may still tune it (merge stderr, a shorter timeout) before {@link HostCommand#run()}.
     */
    public static HostCommand command(Path dir, String... args) {
        // quotepath=off: names outside ASCII come back as themselves, not as octal escapes
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        return HostCommand.of(command).dir(dir).timeout(TIMEOUT);
    }

    /**
     * Runs {@code git args} in {@code dir} for an answer grading needs.
     *
     * @throws IllegalStateException when git could not be run or did not finish: grading cannot go on
     */
    static HostRun run(Path dir, String... args) {
        // a list of changed files is read whole: a cut one would silently grade too little
        HostRun run = command(dir, args).outputCap(ANSWER_CAP).run();
        if (run.truncated()) {
            throw new IllegalStateException("git said more than " + (ANSWER_CAP >> 20) + " MiB: " + run.diagnosis());
        }
        switch (run.ended()) {
            case NOT_STARTED ->
                throw new IllegalStateException("git is needed for this and could not be started: "
                        + run.startFailure().orElse("unknown reason"));
            case TIMED_OUT, INTERRUPTED -> throw new IllegalStateException(run.diagnosis());
            case EXITED -> {
                return run;
            }
        }
        throw new AssertionError(run.ended());
    }
}
