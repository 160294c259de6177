package dev.sprout.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The few git questions grading asks, answered by the git on PATH. */
public final class Git {

    private static final long TIMEOUT_SECONDS = 60;

    private Git() {
    }

    /** The repository's top folder, or empty when {@code dir} is not inside a git repository. */
    public static Optional<Path> topLevel(Path dir) {
        try {
            Result result = run(dir, "rev-parse", "--show-toplevel");
            return result.exit() == 0 ? Optional.of(Path.of(result.stdout().strip()).toAbsolutePath().normalize())
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
        Path top = topLevel(dir).orElseThrow(() -> new IllegalArgumentException(
                dir + " is not inside a git repository, so --changed-since cannot compare it with " + ref + "."));
        Set<Path> changed = new LinkedHashSet<>();
        Result committed = run(top, "diff", "--name-only", "-z", ref + "...HEAD", "--");
        if (committed.exit() != 0) {
            throw new IllegalArgumentException("git cannot compare with '" + ref + "': " + committed.stderr().strip()
                    + ". If this is a shallow CI checkout, fetch the history (actions/checkout with fetch-depth: 0).");
        }
        add(changed, top, committed.stdout());
        Result uncommitted = run(top, "diff", "--name-only", "-z", "HEAD", "--");
        if (uncommitted.exit() == 0) {
            add(changed, top, uncommitted.stdout());
        }
        Result untracked = run(top, "ls-files", "--others", "--exclude-standard", "--full-name", "-z");
        if (untracked.exit() == 0) {
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

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("git is needed for this and could not be started: " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            // Both streams are drained at once so a chatty git never blocks on a full pipe.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("git " + String.join(" ", args) + " took over " + TIMEOUT_SECONDS + " s in " + dir);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for git", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
