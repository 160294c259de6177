package dev.sprout.batch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * No path of a submission may lead outside its root, at any depth: in a batch,
 * {@code mal/exercises/01-week1 -> ../../ben/exercises/01-week1} would otherwise grade Ben's code
 * as Mal's, and in CI a link could read the runner's files. Checked on real paths before grading;
 * the copy into the sandbox checks the links inside the exercise folder again (ExerciseCopy).
 */
final class Containment {

    private Containment() {}

    /** Why the target's exercise folder or entry file leaves its root, worded for the learner; empty when it does not. */
    static Optional<String> leavesRoot(Target target) {
        Path root;
        try {
            root = target.root().toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        String owner = target.student().isEmpty() ? "the graded repository" : target.student() + "'s folder";
        for (Path path : new Path[] {target.dir(), target.file()}) {
            if (!Files.exists(path)) {
                // a dangling link, or nothing at all: graded as missing, unless it is a link
                if (Files.isSymbolicLink(path)) {
                    return Optional.of(message(target, owner));
                }
                continue;
            }
            try {
                if (!path.toRealPath().startsWith(root)) {
                    return Optional.of(message(target, owner));
                }
            } catch (IOException e) {
                return Optional.of(message(target, owner));
            }
        }
        if (Files.isDirectory(target.dir())) {
            return linkOut(target, root, owner);
        }
        return Optional.empty();
    }

    /** The first link inside the exercise folder that leads out of the root (bounded like the copy). */
    private static Optional<String> linkOut(Target target, Path root, String owner) {
        String[] found = {null};
        int[] seen = {0};
        try {
            Files.walkFileTree(target.dir(), Set.of(), 17, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (++seen[0] > 10_000) {
                        return FileVisitResult.TERMINATE; // the copy refuses such a folder with its own message
                    }
                    if (attrs.isSymbolicLink()) {
                        boolean inside;
                        try {
                            inside = file.toRealPath().startsWith(root);
                        } catch (IOException dangling) {
                            inside = true; // leads nowhere: nothing to read
                        }
                        if (!inside) {
                            found[0] = target.dir().relativize(file).toString();
                            return FileVisitResult.TERMINATE;
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(found[0])
                .map(link -> "Not graded: " + link + " in " + folder(target)
                        + " is a link to somewhere outside " + owner
                        + ". sprout grades only files inside the submission: "
                        + "replace the link with the file itself.");
    }

    private static String message(Target target, String owner) {
        return "Not graded: " + folder(target) + " (or a folder on its way) is a link to somewhere outside " + owner
                + ". sprout grades only files inside the submission: replace the link with the real folder and files.";
    }

    private static String folder(Target target) {
        Path relative = Path.of(target.path()).getParent();
        return relative == null ? target.path() : relative.toString().replace('\\', '/');
    }
}
