package dev.sprout.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The exercise pack that comes with sprout. From a checkout it is the repository the running
 * code was built in (so pack authors see their edits at once); from an installed jar it is the
 * copy the build put inside the jar under {@code pack/}, extracted once to
 * {@code ~/.cache/sprout/pack-<hash>} (a new jar with other exercises gets a new folder, and
 * a folder is only ever complete: it is renamed into place after extraction).
 */
final class BuiltInPack {

    static final String RESOURCE = "/pack";
    private static final String COMPLETE = ".complete";

    private BuiltInPack() {}

    static Optional<Path> locate() {
        return locate(System.getenv());
    }

    static Optional<Path> locate(Map<String, String> environment) {
        return checkout().or(() -> embedded(environment));
    }

    private static Optional<Path> checkout() {
        try {
            Path code = Path.of(BuiltInPack.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("graders")) && Files.isDirectory(dir.resolve("exercises"))) {
                    return Optional.of(dir);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Path> embedded(Map<String, String> environment) {
        URL url = BuiltInPack.class.getResource(RESOURCE + "/graders");
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) {
                return Optional.of(Path.of(uri).getParent());
            }
            FileSystem jar;
            try {
                jar = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException notOpen) {
                jar = FileSystems.newFileSystem(uri, Map.of());
            }
            return Optional.of(extract(jar.getPath(RESOURCE), cacheDir(environment)));
        } catch (URISyntaxException | IOException | UncheckedIOException e) {
            throw SproutException.internal(
                    "Could not unpack the exercises that come with sprout: " + e.getMessage() + ". Check that "
                            + cacheDir(environment) + " is writable, or pass --pack DIR.",
                    e);
        }
    }

    /** {@code $XDG_CACHE_HOME/sprout}, else {@code ~/.cache/sprout}, else the temp folder. */
    static Path cacheDir(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "sprout");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        if (home != null && !home.isBlank()) {
            return Path.of(home, ".cache", "sprout");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "sprout-cache");
    }

    /** Copies {@code source} (a pack inside the jar) to {@code cache/pack-<hash>} unless already there. */
    static Path extract(Path source, Path cache) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(source.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
        }
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        Path target = cache.resolve("pack-" + hash);
        if (Files.exists(target.resolve(COMPLETE))) {
            return target;
        }
        Files.createDirectories(cache);
        Path temp = Files.createTempDirectory(cache, "pack-" + hash + ".partial-");
        for (Path file : files) {
            Path to = temp.resolve(source.relativize(file).toString());
            Files.createDirectories(to.getParent());
            Files.copy(file, to);
        }
        Files.createFile(temp.resolve(COMPLETE));
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
            // another sprout unpacked the same pack meanwhile (or a broken half remains): use or replace it
            if (!Files.exists(target.resolve(COMPLETE))) {
                FileTrees.delete(target);
                Files.move(temp, target);
            } else {
                FileTrees.delete(temp);
            }
        }
        return target;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
