package dev.sprout.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecException;
import dev.sprout.spec.SpecParser;

/**
 * A pack of exercises: {@code exercises/<stage>/<slug>/} (what learners edit) beside
 * {@code graders/<stage>/<slug>/grader.yaml}. Roadmap order is the folders' sort order.
 */
public final class Pack {

    private final Path root;
    private final List<Exercise> exercises;
    private String fingerprint;

    private Pack(Path root, List<Exercise> exercises) {
        this.root = root;
        this.exercises = List.copyOf(exercises);
    }

    /** Parses every spec; the first broken one throws a {@link SpecException} naming file and line. */
    public static Pack load(Path root) {
        Path graders = root.resolve("graders");
        if (!Files.isDirectory(graders)) {
            throw new CatalogException(
                    "No graders/ folder in " + root + ": a pack holds exercises/ and graders/ side by side.");
        }
        List<Path> specs;
        try (Stream<Path> walk = Files.walk(graders, 3)) {
            specs = walk.filter(p -> p.getFileName().toString().equals("grader.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CatalogException("Cannot read " + graders + ": " + e.getMessage());
        }
        List<Exercise> exercises = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path spec : specs) {
            Path relative = graders.relativize(spec.getParent());
            String slug = relative.getFileName().toString();
            GraderSpec parsed = SpecParser.parse(spec, slug.replaceFirst("^\\d+[-_]", ""));
            Path other = seen.put(parsed.id(), spec);
            if (other != null) {
                throw new SpecException(spec, 0, "id", "the id '" + parsed.id() + "' is already used by " + other);
            }
            exercises.add(new Exercise(parsed, relative, exercises.size() + 1));
        }
        return new Pack(root, exercises);
    }

    public Path root() {
        return root;
    }

    public Path graders() {
        return root.resolve("graders");
    }

    /** The starter folder of an exercise, as the pack ships it. */
    public Path starterDir(Exercise exercise) {
        return root.resolve("exercises").resolve(exercise.relativeDir().toString());
    }

    /**
     * SHA-256 (hex) of everything under {@code graders/}: each regular file's relative path and
     * bytes, in sorted order. Reports print it so a grade can be traced to the exact specs that
     * gave it, and so shards graded with different packs are never merged.
     */
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            fingerprint = hash(graders());
        }
        return fingerprint;
    }

    private static String hash(Path graders) {
        try (Stream<Path> walk = Files.walk(graders)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList()) {
                digest.update(
                        graders.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new CatalogException("Cannot read " + graders + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public List<Exercise> exercises() {
        return exercises;
    }

    /** By id ({@code calculator}), slug ({@code 06-calculator}) or path ({@code 01-week1/06-calculator}). */
    public Optional<Exercise> find(String name) {
        String wanted = name.replace('\\', '/').replaceAll("/+$", "");
        return exercises.stream()
                .filter(e -> e.id().equals(wanted)
                        || e.slug().equals(wanted)
                        || e.relativeDir().toString().replace('\\', '/').equals(wanted)
                        || wanted.endsWith("/" + e.relativeDir().toString().replace('\\', '/'))
                        || wanted.endsWith("/" + e.spec().entryPath())
                                && e.relativeDir().toString().isEmpty())
                .findFirst();
    }
}
