package dev.sprout.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The private copy of a learner's exercise folder that a sandbox sees: the learner's .py files
 * and the data files the exercise ships, no caches or sprout state, within a size cap. Both
 * engines' sessions make it this way.
 */
final class ExerciseCopy {

    private static final long COPY_CAP_BYTES = 32L << 20;

    private ExerciseCopy() {
    }

    static void copy(Submission submission, Path to) throws IOException {
        Path from = submission.exerciseDir();
        if (!Files.isDirectory(from)) {
            throw new IOException("no such folder");
        }
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(from, 4)) {
            walk.forEach(path -> {
                Path relative = from.relativize(path);
                String name = path.getFileName() == null ? "" : path.getFileName().toString();
                if (relative.toString().isEmpty() || name.startsWith(".sprout") || relative.toString().contains("__pycache__")) {
                    return;
                }
                try {
                    Path target = to.resolve(relative.toString());
                    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(target);
                    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && wanted(submission, relative)) {
                        total[0] += Files.size(path);
                        if (total[0] > COPY_CAP_BYTES) {
                            throw new IOException("the exercise folder holds more than 32 MiB of files");
                        }
                        Files.createDirectories(target.getParent());
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean wanted(Submission submission, Path relative) {
        String name = relative.toString().replace('\\', '/');
        return name.endsWith(".py") || submission.shippedFiles().map(files -> files.contains(name)).orElse(true);
    }
}
