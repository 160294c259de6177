package dev.sprout.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Backing up and removing a package entry's folder ({@code inventory/}) for {@code sprout reset}
 * and watch mode's {@code x}. Links are never followed: a link in the learner's folder is backed
 * up and removed as a link, and what it points at is neither read nor touched.
 */
final class PackageFolders {

    /** More than this and the folder is not a learner's package: reset refuses rather than copy it all. */
    static final int MAX_FILES = 1_000;

    private PackageFolders() {}

    /** Copies the folder to {@code backups/NAME/} (NAME-2… when taken); empty when there is no folder. */
    static Optional<Path> backup(Path folder, Path backups, String name) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Files.createDirectories(backups);
        Path target = backups.resolve(name);
        for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = backups.resolve(name + "-" + n);
        }
        Path to = target;
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(to.getParent());
            Files.copy(folder, to, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(to);
        }
        int[] files = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName().toString().equals("__pycache__")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(folder.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (++files[0] > MAX_FILES) {
                    throw new IOException(folder + " holds more than " + MAX_FILES
                            + " files: move the ones that are not your package's code elsewhere, then reset again");
                }
                Files.copy(
                        file,
                        to.resolve(folder.relativize(file).toString()),
                        LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        return Optional.of(to);
    }

    /** Removes the folder (a link in its place: the link only), once it is backed up. */
    static void remove(Path folder, Path exerciseDir) throws IOException {
        if (!folder.toAbsolutePath()
                        .normalize()
                        .startsWith(exerciseDir.toAbsolutePath().normalize())
                || !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(folder)) {
            Files.delete(folder);
            return;
        }
        FileTrees.delete(folder);
    }
}
