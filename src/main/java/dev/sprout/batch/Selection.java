package dev.sprout.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;
import dev.sprout.catalog.Workspace;

/**
 * Decides what {@code sprout grade} grades, as a list of {@link Target}s. Problems with the
 * request (an unknown exercise, a missing folder) throw {@link IllegalArgumentException} with a
 * message for the user; problems with a learner's files never do: those are graded as errors.
 */
public final class Selection {

    private final Pack pack;

    public Selection(Pack pack) {
        this.pack = pack;
    }

    /** Every exercise of the pack, in roadmap order. */
    public List<Target> all(Workspace workspace, Path root) {
        return pack.exercises().stream()
                .map(e -> target("", e, workspace.exerciseDir(e), root))
                .toList();
    }

    /**
     * Exercises named by id ({@code calculator}), slug, or a path to the exercise folder or a file
     * inside it ({@code exercises/01-week1/06-calculator/calculator.py}), resolved from {@code workingDir}.
     */
    public List<Target> named(Workspace workspace, List<String> names, Path workingDir, Path root) {
        Set<Exercise> chosen = new LinkedHashSet<>();
        for (String name : names) {
            chosen.add(
                    byPath(workspace, workingDir.resolve(name).normalize())
                            .or(() -> pack.find(name))
                            .orElseThrow(
                                    () -> new IllegalArgumentException(
                                            "There is no exercise called '" + name
                                                    + "'. Name it by id (e.g. calculator) or folder (e.g. exercises/01-week1/06-calculator).")));
        }
        return chosen.stream()
                .map(e -> target("", e, workspace.exerciseDir(e), root))
                .toList();
    }

    /** Exercises with any file among {@code changedFiles} (absolute paths), in roadmap order. */
    public List<Target> changed(Workspace workspace, Set<Path> changedFiles, Path root) {
        Set<Exercise> touched = new LinkedHashSet<>();
        for (Path file : changedFiles) {
            byPath(workspace, file).ifPresent(touched::add);
        }
        return pack.exercises().stream()
                .filter(touched::contains)
                .map(e -> target("", e, workspace.exerciseDir(e), root))
                .toList();
    }

    /**
     * A cohort: {@code batchDir/<student>/exercises/<stage>/<slug>/<entry file>}, each student folder
     * laid out like a workspace (a clone of the student's repository). With {@code names}, those
     * exercises for every student (a missing file is graded as an error); without, every exercise
     * whose entry file the student has.
     */
    public List<Target> batch(Path batchDir, List<String> names, Consumer<String> warn) {
        if (!Files.isDirectory(batchDir)) {
            throw new IllegalArgumentException("The batch folder " + batchDir + " does not exist.");
        }
        List<Exercise> wanted = new ArrayList<>();
        for (String name : names) {
            wanted.add(pack.find(name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "There is no exercise called '" + name + "' in the pack " + pack.root() + ".")));
        }
        List<Path> students;
        try (Stream<Path> list = Files.list(batchDir)) {
            students = list.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the batch folder " + batchDir + ": " + e.getMessage());
        }
        List<Target> targets = new ArrayList<>();
        for (Path student : students) {
            String name = student.getFileName().toString();
            if (Files.isSymbolicLink(student)) {
                // a link named mal pointing at ben/ would grade Ben's work as Mal's
                warn.accept("Skipped " + printable(name) + ": it is a link, not a folder; each student's work must be "
                        + "a real folder inside " + batchDir + ".");
                continue;
            }
            if (name.codePoints()
                    .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                warn.accept("Skipped " + printable(name) + ": a student folder's name must not hold control characters "
                        + "(reports would print them); rename the folder.");
                continue;
            }
            if (!Files.isDirectory(student.resolve("exercises"))) {
                warn.accept("Skipped " + name + ": " + student + " has no exercises/ folder (expected " + name
                        + "/exercises/<stage>/<exercise>/<file>.py).");
                continue;
            }
            Workspace workspace = new Workspace(student);
            List<Exercise> exercises = wanted.isEmpty()
                    ? pack.exercises().stream()
                            .filter(e -> e.spec().isPackage()
                                    ? Files.isDirectory(workspace
                                            .exerciseDir(e)
                                            .resolve(e.spec().entryPath()))
                                    : Files.isRegularFile(workspace
                                            .exerciseDir(e)
                                            .resolve(e.spec().entry())))
                            .toList()
                    : wanted;
            for (Exercise exercise : exercises) {
                targets.add(target(name, exercise, workspace.exerciseDir(exercise), student));
            }
        }
        return targets;
    }

    /** A name as a JSON string, so control characters show as escapes. */
    private static String printable(String name) {
        return JsonMapper.builder().build().writeValueAsString(name);
    }

    /** The exercise a path under the workspace's exercises/ folder belongs to. */
    private Optional<Exercise> byPath(Workspace workspace, Path path) {
        Path exercises = real(workspace.root()).resolve("exercises");
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(exercises) || exercises.relativize(absolute).getNameCount() < 2) {
            return Optional.empty();
        }
        Path relative = exercises.relativize(absolute).subpath(0, 2);
        return pack.exercises().stream()
                .filter(e -> e.relativeDir().equals(relative))
                .findFirst();
    }

    /** git reports real paths; a workspace reached through a symlink must compare equal to them. */
    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static Target target(String student, Exercise exercise, Path dir, Path root) {
        Path file = dir.resolve(exercise.spec().entryPath()).toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        String path = file.startsWith(base) ? base.relativize(file).toString() : file.toString();
        return new Target(student, exercise, dir, path.replace('\\', '/'), root);
    }
}
