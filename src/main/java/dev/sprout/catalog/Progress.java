package dev.sprout.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one owner of a workspace's progress, {@code .sprout/progress.json}: which exercises are
 * done (ever passed), which of those are broken (failing at the latest check), the current one,
 * hints revealed and attempts per exercise.
 *
 * <p>The file is meant to be committed with the learner's work, so it is small, pretty-printed
 * and has sorted keys: two machines that both made progress merge line by line. It is replaced
 * atomically (a temp file beside it, then a rename), so Ctrl-C or a crash leaves either the old
 * or the new file, never half of one. A missing or unreadable file is not fatal: progress starts
 * again from what the file still says (or from nothing), and {@link #recovery()} says what
 * happened, naming the file.
 */
public final class Progress {

    /** Bumped when the file's meaning changes; older sprouts refuse newer files politely. */
    public static final int VERSION = 1;

    public static final String FILE_NAME = "progress.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** One value per line, arrays included, "\n" everywhere: what line-based merges handle best. */
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER));

    private final Path file;
    private final Path shownAs;
    private final SortedSet<String> done = new TreeSet<>();
    /** Done once, failing at the latest check: "done" is history, this is the present. */
    private final SortedSet<String> broken = new TreeSet<>();

    private final SortedMap<String, Integer> hints = new TreeMap<>();
    private final SortedMap<String, Integer> attempts = new TreeMap<>();
    private Optional<String> current = Optional.empty();
    private Optional<String> pack = Optional.empty();
    private Optional<String> recovery = Optional.empty();

    private Progress(Path file, Path shownAs) {
        this.file = file;
        this.shownAs = shownAs;
    }

    /** Reads the workspace's progress; never throws for a missing or broken file (see {@link #recovery()}). */
    public static Progress load(Workspace workspace) {
        Path file = workspace.stateDir().resolve(FILE_NAME);
        Progress progress = new Progress(file, workspace.root().relativize(file));
        if (!Files.exists(file)) {
            if (Files.isDirectory(workspace.stateDir())) {
                // .sprout/ exists, so the file was there once: say so rather than silently restart
                progress.recovery = Optional.of("Your progress file " + progress.shownAs + " is missing, so sprout "
                        + "starts counting again from here. Your exercise files are untouched; `sprout submit` "
                        + "marks each one done again.");
            }
            return progress;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            progress.read(JSON.readTree(text));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            Path kept = file.resolveSibling(FILE_NAME + ".broken");
            String keptNote;
            try {
                Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
                keptNote = " The old file was kept as " + workspace.root().relativize(kept) + ".";
            } catch (IOException moveFailed) {
                keptNote = "";
            }
            progress.done.clear();
            progress.broken.clear();
            progress.hints.clear();
            progress.attempts.clear();
            progress.current = Optional.empty();
            progress.recovery = Optional.of("Your progress file " + progress.shownAs + " could not be read ("
                    + firstLine(e.getMessage()) + "), so sprout starts counting again. Your exercise files are "
                    + "untouched; `sprout submit` marks each one done again." + keptNote);
        }
        return progress;
    }

    private void read(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("it does not hold a JSON object");
        }
        int version = root.path("version").asInt(VERSION);
        if (version > VERSION) {
            throw new IllegalArgumentException("it was written by a newer sprout (format " + version + ")");
        }
        root.path("done").forEach(id -> done.add(id.asString()));
        root.path("broken").forEach(id -> broken.add(id.asString()));
        broken.retainAll(done);
        current = text(root.path("current"));
        pack = text(root.path("pack"));
        counts(root.path("hints"), hints);
        counts(root.path("attempts"), attempts);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? Optional.of(node.asString()) : Optional.empty();
    }

    private static void counts(JsonNode node, Map<String, Integer> into) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().canConvertToInt() && entry.getValue().asInt() > 0) {
                into.put(entry.getKey(), entry.getValue().asInt());
            }
        }
    }

    /** Writes the file atomically; the error, if any, names it. */
    public void save() {
        ObjectNode root = JSON.createObjectNode();
        // insertion order is the file's order: kept alphabetical for merge-friendly diffs
        root.set("attempts", countsNode(attempts));
        if (!broken.isEmpty()) {
            // only when there is one, so files of learners whose code never broke stay as they were
            root.set("broken", JSON.valueToTree(new ArrayList<>(broken)));
        }
        current.ifPresent(c -> root.put("current", c));
        root.set("done", JSON.valueToTree(new ArrayList<>(done)));
        root.set("hints", countsNode(hints));
        pack.ifPresent(p -> root.put("pack", p));
        root.put("version", VERSION);
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), FILE_NAME + ".", ".tmp");
            Files.writeString(temp, JSON.writer().with(LAYOUT).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new CatalogException("Could not save your progress to " + shownAs + ": " + e.getMessage()
                    + ". Check that the folder is writable.");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the failure above is the one worth reporting
                }
            }
        }
    }

    private static ObjectNode countsNode(SortedMap<String, Integer> counts) {
        ObjectNode node = JSON.createObjectNode();
        counts.forEach(node::put);
        return node;
    }

    /** The file, relative to the workspace, for messages. */
    public Path file() {
        return shownAs;
    }

    /** Set once when the file was missing or broken: what happened, for the learner. */
    public Optional<String> recovery() {
        return recovery;
    }

    public boolean isDone(String exerciseId) {
        return done.contains(exerciseId);
    }

    public int doneCount(Pack pack) {
        return (int)
                pack.exercises().stream().filter(e -> done.contains(e.id())).count();
    }

    public void markDone(String exerciseId) {
        done.add(exerciseId);
        broken.remove(exerciseId);
    }

    /** Records a failed check: an exercise done before is now broken (and stays done in the history). */
    public void markFailed(String exerciseId) {
        if (done.contains(exerciseId)) {
            broken.add(exerciseId);
        }
    }

    /** Passed once, but the latest check failed. */
    public boolean isBroken(String exerciseId) {
        return broken.contains(exerciseId);
    }

    public int hintsRevealed(String exerciseId) {
        return hints.getOrDefault(exerciseId, 0);
    }

    public void setHintsRevealed(String exerciseId, int count) {
        if (count <= 0) {
            hints.remove(exerciseId);
        } else {
            hints.put(exerciseId, count);
        }
    }

    public int attempts(String exerciseId) {
        return attempts.getOrDefault(exerciseId, 0);
    }

    public void countAttempt(String exerciseId) {
        attempts.merge(exerciseId, 1, Integer::sum);
    }

    /** The pack this workspace was made from, when not the built-in one. */
    public Optional<String> pack() {
        return pack;
    }

    public void setPack(Optional<String> value) {
        pack = value;
    }

    /**
     * The exercise to work on: the one chosen last (while not done), else the first not done
     * in roadmap order; empty when every exercise is done.
     */
    public Optional<Exercise> current(Pack exercises) {
        Optional<Exercise> chosen = current.flatMap(exercises::find).filter(e -> !done.contains(e.id()));
        return chosen.or(() -> exercises.exercises().stream()
                .filter(e -> !done.contains(e.id()))
                .findFirst());
    }

    public void setCurrent(Exercise exercise) {
        current = Optional.of(exercise.id());
    }

    /**
     * The first exercise in roadmap order that is not done: where rustlings puts you, so that an
     * exercise solved out of order never makes sprout skip the unfinished ones before it.
     */
    public Optional<Exercise> firstPending(Pack exercises) {
        return exercises.exercises().stream()
                .filter(e -> !done.contains(e.id()))
                .findFirst();
    }

    /** The first exercise after {@code exercise} in roadmap order that is not done (wrapping round). */
    public Optional<Exercise> nextAfter(Pack exercises, Exercise exercise) {
        List<Exercise> all = exercises.exercises();
        int at = all.indexOf(exercise);
        for (int step = 1; step <= all.size(); step++) {
            Exercise candidate = all.get((at + step) % all.size());
            if (!done.contains(candidate.id())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        return message.strip().lines().findFirst().orElse("unknown error");
    }
}
