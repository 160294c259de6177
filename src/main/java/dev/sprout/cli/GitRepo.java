package dev.sprout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The few git commands sprout runs for the learner: is this a repository, make one, count
 * commits, commit an exercise. Git is optional: every method copes with it being absent.
 */
record GitRepo(Path top) {

    /** What one git command did. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    static Optional<GitRepo> find(Path dir) {
        return run(dir, "rev-parse", "--show-toplevel").filter(Result::ok)
                .map(r -> new GitRepo(Path.of(r.output().strip())));
    }

    /** @return false when git is not installed or failed */
    static boolean init(Path dir) {
        return run(dir, "init", "-q").map(Result::ok).orElse(false);
    }

    int commitCount() {
        return run(top, "rev-list", "--count", "HEAD").filter(Result::ok)
                .map(r -> Integer.parseInt(r.output().strip())).orElse(0);
    }

    Optional<Result> add(List<String> paths) {
        List<String> args = new ArrayList<>(List.of("add", "--"));
        args.addAll(paths);
        return run(top, args.toArray(String[]::new));
    }

    Optional<Result> commit(String message) {
        return run(top, "commit", "-q", "-m", message);
    }

    static Optional<Result> run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
