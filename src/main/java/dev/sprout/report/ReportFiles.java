package dev.sprout.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes report files without following symbolic links. In CI the graded tree is the learner's
 * repository, and a committed {@code sprout-reports -> /somewhere} link would otherwise let a
 * learner aim sprout's writes at any file the job can write.
 */
public final class ReportFiles {

    /** A report that would have been written through a symbolic link. */
    public static final class LinkRefused extends IOException {

        private static final long serialVersionUID = 1L;

        LinkRefused(String message) {
            super(message);
        }
    }

    private ReportFiles() {}

    /**
     * Writes {@code text} to {@code file}, replacing it. Every folder from {@code tree} down to the file
     * must be a real folder (missing ones are created), and the file itself must not be a link.
     */
    public static void write(Path file, String text, Path tree) throws IOException {
        open(file, tree, StandardOpenOption.TRUNCATE_EXISTING, text);
    }

    /** Appends {@code text} to {@code file} (GitHub's step summary and outputs), refusing links as {@link #write} does. */
    public static void append(Path file, String text, Path tree) throws IOException {
        open(file, tree, StandardOpenOption.APPEND, text);
    }

    private static void open(Path file, Path tree, OpenOption mode, String text) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path root = tree.toAbsolutePath().normalize();
        realFolders(target.getParent(), root);
        // String.getBytes replaces what UTF-8 cannot encode (a lone surrogate) instead of throwing, as writeString does
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(
                target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode, LinkOption.NOFOLLOW_LINKS)) {
            out.write(bytes);
        } catch (IOException e) {
            // O_NOFOLLOW fails with ELOOP, which Java reports as a plain IOException
            if (Files.isSymbolicLink(target)) {
                throw refused(target);
            }
            throw e;
        }
    }

    /** Creates the folders up to {@code folder}, refusing any link among them below {@code root}. */
    private static void realFolders(Path folder, Path root) throws IOException {
        if (folder == null) {
            return;
        }
        if (!folder.startsWith(root) || folder.equals(root)) {
            // outside the graded tree the user chose the path; only the file itself must not be a link
            Files.createDirectories(folder);
            return;
        }
        Path current = root;
        for (Path part : root.relativize(folder)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw refused(current);
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(current + " is not a folder.");
            }
        }
    }

    private static LinkRefused refused(Path link) {
        return new LinkRefused(link + " is a symbolic link: sprout does not write reports through links "
                + "(one committed in the graded repository could point anywhere). Remove it, or choose another path.");
    }
}
