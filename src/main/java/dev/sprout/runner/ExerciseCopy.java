package dev.sprout.runner;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * The private copy of a learner's exercise folder that a sandbox sees: the learner's .py files
 * and the data files the exercise ships, no caches or sprout state, within caps on size, file
 * count and depth. Both engines' sessions make it this way.
 *
 * <p>Nothing is read through a link that leads out of the exercise folder: in CI and batch
 * grading the folder is untrusted, and a link to another student's folder (or to the runner's
 * files) would grade or leak what is not the learner's. Links inside the folder are copied as
 * the files they name.
 */
final class ExerciseCopy {

    static final long COPY_CAP_BYTES = 32L << 20;
    /** Files copied; 20,000 empty files once took a submission from 1.4 s to 34 s. */
    static final int MAX_FILES = 1_000;
    /** Entries looked at, copied or not, so a huge tree of ignored files cannot stall the walk either. */
    static final int MAX_ENTRIES = 10 * MAX_FILES;

    static final int MAX_DEPTH = 16;

    private ExerciseCopy() {}

    static void copy(Submission submission, Path to) throws IOException {
        Path from = submission.exerciseDir();
        if (!Files.isDirectory(from)) {
            throw new IOException("no such folder");
        }
        Path realFrom = from.toRealPath();
        Files.walkFileTree(from, Set.of(), MAX_DEPTH + 1, new SimpleFileVisitor<>() {
            private long bytes;
            private int files;
            private int entries;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                if (relative.toString().isEmpty()) {
                    return FileVisitResult.CONTINUE;
                }
                if (skipped(relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                count();
                Files.createDirectories(to.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(file);
                if (skipped(relative)) {
                    return FileVisitResult.CONTINUE;
                }
                count();
                if (attrs.isDirectory()) {
                    // only a folder past the depth limit arrives here
                    throw new FolderRefused(
                            "your exercise folder " + from + " has folders nested more than " + MAX_DEPTH
                                    + " deep (" + relative.getParent() + "); sprout copies at most " + MAX_DEPTH
                                    + " levels: move or remove the deep folders.");
                }
                Path source = file;
                if (attrs.isSymbolicLink()) {
                    source = insideOrRefuse(file, relative);
                    if (!Files.isRegularFile(source)) {
                        return FileVisitResult.CONTINUE;
                    }
                } else if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (!wanted(submission, relative)) {
                    return FileVisitResult.CONTINUE;
                }
                if (++files > MAX_FILES) {
                    throw new FolderRefused("your exercise folder " + from + " has more than " + MAX_FILES
                            + " files to copy; sprout copies at most " + MAX_FILES + " into the sandbox: remove the "
                            + "files your program does not need (a virtual environment, generated data).");
                }
                bytes += Files.size(source);
                if (bytes > COPY_CAP_BYTES) {
                    throw new FolderRefused("the exercise folder holds more than 32 MiB of files");
                }
                Path target = to.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
                return FileVisitResult.CONTINUE;
            }

            private void count() throws FolderRefused {
                if (++entries > MAX_ENTRIES) {
                    throw new FolderRefused("your exercise folder " + from + " has more than " + MAX_ENTRIES
                            + " files and folders; sprout copies at most " + MAX_FILES + " files into the sandbox: "
                            + "remove the ones your program does not need (a virtual environment, generated data).");
                }
            }

            /** The real file a link inside the folder names, or a refusal if it leads out. */
            private Path insideOrRefuse(Path link, Path relative) throws IOException {
                Path real;
                try {
                    real = link.toRealPath();
                } catch (IOException dangling) {
                    return link;
                }
                if (!real.startsWith(realFrom)) {
                    throw new FolderRefused(relative + " in " + from + " is a link to a file outside your exercise "
                            + "folder; sprout grades only what is inside it: replace the link with the file itself.");
                }
                return real;
            }
        });
    }

    private static boolean skipped(Path relative) {
        String name =
                relative.getFileName() == null ? "" : relative.getFileName().toString();
        return name.startsWith(".sprout") || relative.toString().contains("__pycache__");
    }

    /**
     * The learner's code: .py files, and anything in a {@code templates/} folder (a Flask app's
     * Jinja templates, which the learner may add to, and which no run of the program writes).
     */
    private static boolean wanted(Submission submission, Path relative) {
        String name = relative.toString().replace('\\', '/');
        return name.endsWith(".py")
                || name.startsWith("templates/")
                || name.contains("/templates/")
                || submission.shippedFiles().map(files -> files.contains(name)).orElse(true);
    }
}
