package dev.sprout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.batch.BatchGrader;
import dev.sprout.batch.Selection;
import dev.sprout.batch.Shard;
import dev.sprout.batch.Target;
import dev.sprout.catalog.Pack;
import dev.sprout.catalog.Workspace;
import dev.sprout.process.Git;
import dev.sprout.report.BatchJson;
import dev.sprout.report.JUnitSuites;
import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;
import dev.sprout.result.Verdict;
import dev.sprout.sandbox.BatchExposure;
import dev.sprout.sandbox.Sandbox;

@Command(
        name = "grade",
        mixinStandardHelpOptions = true,
        subcommands = GradeCommand.Merge.class,
        footer = ExitCode.HELP,
        description = {
            "Grade many exercises or a whole class at once: for CI checks on pull requests and for mentors.",
            "Say what to grade with EXERCISE names, --all, --changed-since REF or --batch DIR.",
            "Reports: --format console|json|junit|github|gradescope|csv, each to the screen or =FILE."
        })
final class GradeCommand implements Callable<Integer> {

    private final Console console;

    @Mixin
    GradingOptions options;

    @Mixin
    GradeReports reports;

    @Parameters(
            paramLabel = "EXERCISE",
            arity = "0..*",
            description = "Exercises to grade: a name (calculator) or a folder or file under exercises/. "
                    + "With --batch, grade only these exercises for every student.")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--all", description = "Grade every exercise of the pack in your workspace.")
    boolean all;

    @Option(
            names = "--changed-since",
            paramLabel = "REF",
            description = "Grade the exercises whose files changed since the git commit or branch REF "
                    + "(e.g. main, or the pull request's base), including changes not committed yet.")
    String changedSince;

    @Option(
            names = "--batch",
            paramLabel = "DIR",
            description = "Grade a class: DIR holds one folder per student, each laid out like a workspace "
                    + "(DIR/<student>/exercises/<stage>/<exercise>/<file>.py), e.g. clones of their repositories.")
    Path batch;

    @Option(
            names = "--trust-tree-pack",
            description = "Grade with graders from inside the graded tree: its own graders/ folder, or a --pack DIR "
                    + "inside it. Without this, sprout grade uses the built-in pack or a --pack outside the tree, because "
                    + "whoever can change the tree (a pull request, a student) could change the graders too.")
    boolean trustTreePack;

    @Option(
            names = "--allow-weak-sandbox",
            description = "With --batch: grade even where students' code could read the graders' expected values, "
                    + "the solutions or each other's code (a sandbox weaker than tier A; sprout says what is exposed).")
    boolean allowWeakSandbox;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "Grade N submissions at the same time. Default: the number of processor cores.")
    Integer jobs;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "Grade only part I of N of the submissions (e.g. 2/4), for CI matrix jobs; "
                    + "combine the parts' JSON reports with `sprout grade merge`.")
    String shard;

    @Option(
            names = "--max-time",
            paramLabel = "SECONDS",
            description =
                    "Stop starting new gradings after SECONDS; the rest are reported as errors. Default: no limit.")
    Long maxTime;

    GradeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        int modes = (all ? 1 : 0)
                + (changedSince != null ? 1 : 0)
                + (batch != null ? 1 : 0)
                + (batch == null && !exercises.isEmpty() ? 1 : 0);
        if (modes == 0) {
            throw SproutException.invalidInput(
                    "Say what to grade: EXERCISE names, --all, --changed-since REF or --batch DIR.");
        }
        if (modes > 1) {
            throw SproutException.invalidInput("Choose one of EXERCISE names, --all, --changed-since and --batch "
                    + "(with --batch, EXERCISE names pick the exercises each student is graded on).");
        }
        reports.validate(console, true);
        Shard part = parse(() -> shard == null ? Shard.ALL : Shard.parse(shard));
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw SproutException.invalidInput("--jobs must be at least 1.");
        }

        // the graded tree chooses no program, no engine and no grader (docs/security.md)
        options.treeUntrusted = true;
        List<Target> targets = part.select(select());
        Sandbox sandbox = Setup.sandbox(options, console);
        if (batch != null) {
            // students are hostile to each other: a weak sandbox must be chosen knowingly (BatchExposure)
            BatchExposure.check(
                            sandbox,
                            gradingPack.graders(),
                            console.workingDir().resolve(batch).normalize())
                    .ifPresent(exposed -> {
                        if (!allowWeakSandbox) {
                            throw SproutException.invalidInput(exposed + " Pass --allow-weak-sandbox to grade anyway.");
                        }
                        console.err().println(console.style().yellow("warning: ") + exposed);
                    });
        }
        BatchGrader grader = new BatchGrader(
                () -> Setup.grader(options, console, sandbox),
                threads,
                Optional.ofNullable(maxTime).map(Duration::ofSeconds),
                reports.wants("junit"));
        List<BatchGrader.Outcome> outcomes;
        try (BatchProgress progress = new BatchProgress(console, batch != null, targets.size())) {
            outcomes = grader.grade(targets, progress::finished);
        }

        List<SubmissionResult> results = new ArrayList<>(
                outcomes.stream().map(BatchGrader.Outcome::result).toList());
        warnAboutSproutFailures(results);
        results.sort(SubmissionResult.ORDER);
        // every submission has a suite, those that could not be graded too (JSON and console count them)
        List<JUnitSuites.Suite> suites = outcomes.stream()
                .sorted((a, b) -> SubmissionResult.ORDER.compare(a.result(), b.result()))
                .map(o -> o.junitXml()
                        .map(xml -> new JUnitSuites.Suite(o.result().label(), xml))
                        .orElseGet(() -> JUnitSuites.Suite.errored(o.result().label(), notGradedReason(o.result()))))
                .toList();
        long millis = (System.nanoTime() - start) / 1_000_000;
        reports.write(console, results, Optional.of(suites), batch != null, millis);
        return reports.exitCode(results);
    }

    private List<Target> select() {
        Selection selection;
        if (batch != null) {
            Path dir = console.workingDir().resolve(batch).normalize();
            Pack pack = usePack(Setup.gradingPack(options, console, dir, Optional.empty(), trustTreePack));
            selection = new Selection(pack);
            return parse(() -> selection.batch(
                    dir,
                    exercises,
                    warning -> console.err().println(console.style().yellow("warning: ") + warning)));
        }
        Workspace workspace = Setup.workspace(options, console);
        // Reports name files relative to the repository, as GitHub annotations need.
        Path root = Git.topLevel(workspace.root()).orElse(realPath(workspace.root()));
        // the whole repository is the graded tree: a pull request can change any file in it
        Pack pack = usePack(Setup.gradingPack(options, console, root, Optional.of(workspace.root()), trustTreePack));
        selection = new Selection(pack);
        if (all) {
            return selection.all(workspace, root);
        }
        if (changedSince != null) {
            return parse(() -> selection.changed(workspace, Git.changedSince(workspace.root(), changedSince), root));
        }
        return parse(() -> selection.named(workspace, exercises, console.workingDir(), root));
    }

    /** The pack {@link #select} chose: the one whose secrets a weak sandbox would expose. */
    private Pack gradingPack;

    private Pack usePack(Setup.GradingPack chosen) {
        reports.gradedWith(chosen.description());
        gradingPack = chosen.pack();
        return chosen.pack();
    }

    /** A broken sandbox or interpreter errors every submission alike: say so once, not 200 times in a report. */
    private void warnAboutSproutFailures(List<SubmissionResult> results) {
        List<String> failures = results.stream()
                .flatMap(r -> r.result().loadError().stream())
                .filter(e -> BatchGrader.NOT_GRADED.equals(e.type()))
                .map(GradeResult.LoadError::message)
                .toList();
        if (!failures.isEmpty()) {
            console.err()
                    .println(console.style().yellow("warning: ") + failures.size() + " of " + results.size()
                            + " submissions were not graded; the first said: " + failures.get(0));
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /** Runs a step whose IllegalArgumentException is the user's mistake, worded for them. */
    static <T> T parse(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw SproutException.invalidInput(e.getMessage());
        }
    }

    @Command(
            name = "merge",
            mixinStandardHelpOptions = true,
            footer = ExitCode.HELP,
            description = "Combine the JSON reports of `sprout grade --shard I/N` runs into one set of reports.")
    static final class Merge implements Callable<Integer> {

        private final Console console;

        @Mixin
        GradeReports reports;

        @Parameters(
                paramLabel = "FILE",
                arity = "1..*",
                description = "JSON reports written by `sprout grade --format json=FILE`, one per shard.")
        List<Path> files = new ArrayList<>();

        Merge(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws IOException {
            reports.validate(console, false);
            List<SubmissionResult> results = new ArrayList<>();
            Map<String, Path> seen = new HashMap<>();
            Map<String, Path> packs = new LinkedHashMap<>();
            for (Path file : files) {
                Path path = console.workingDir().resolve(file);
                if (!Files.isRegularFile(path)) {
                    throw SproutException.invalidInput("The report " + file + " does not exist.");
                }
                String text = readString(path);
                List<SubmissionResult> part = parse(() -> BatchJson.read(text, file.toString()));
                String pack = BatchJson.pack(text);
                if (packs.putIfAbsent(pack, file) != null || packs.size() == 1) {
                    reports.gradedWith(pack);
                } else {
                    throw SproutException.invalidInput(file + " was graded with " + describePack(pack) + ", but "
                            + packs.values().iterator().next() + " with "
                            + describePack(packs.keySet().iterator().next())
                            + ": merge only shards graded with the same pack.");
                }
                for (SubmissionResult r : part) {
                    checkNames(r, file);
                    Path other = seen.put(r.student() + "\u0000" + r.path(), file);
                    if (other != null) {
                        throw SproutException.invalidInput(
                                r.label() + " (" + r.path() + ") is in both " + other + " and " + file
                                        + ": were these shards cut from the same batch with the same --shard N?");
                    }
                }
                results.addAll(part);
            }
            results.sort(SubmissionResult.ORDER);
            boolean batch = results.stream().anyMatch(r -> !r.student().isEmpty());
            long millis = results.stream()
                    .flatMap(r -> r.result().verdicts().stream())
                    .mapToLong(Verdict::millis)
                    .sum();
            reports.write(console, results, Optional.empty(), batch, millis);
            return reports.exitCode(results);
        }

        private static String describePack(String pack) {
            return pack.isEmpty() ? "no named pack" : pack;
        }

        /**
         * Shard files travel through CI artifacts, and reports turn their student and exercise names
         * into folders (json=DIR/, gradescope=DIR/): a name must be one plain folder name, and a path
         * relative with no way up, so a crafted file can neither write outside DIR nor forge lines.
         */
        static void checkNames(SubmissionResult r, Path file) {
            String student = r.student();
            String exercise = r.result().exercise();
            String path = r.path();
            if (!student.isEmpty() && !plainName(student) || !plainName(exercise) || !relativePath(path)) {
                throw SproutException.invalidInput(file + " holds a submission with an unsafe name (student "
                        + printable(student) + ", exercise " + printable(exercise) + ", path " + printable(path)
                        + "): merge only reads reports written by `sprout grade --format json=FILE`.");
            }
        }

        private static boolean plainName(String name) {
            return !name.isEmpty()
                    && name.length() <= 255
                    && !name.equals(".")
                    && !name.equals("..")
                    && name.chars()
                            .noneMatch(c -> c == '/'
                                    || c == '\\'
                                    || Character.isISOControl(c)
                                    || Character.getType(c) == Character.FORMAT
                                    || Character.isSurrogate((char) c));
        }

        private static boolean relativePath(String path) {
            if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
                return false;
            }
            for (String part : path.split("/", -1)) {
                if (!plainName(part)) {
                    return false;
                }
            }
            return true;
        }

        private static String printable(String text) {
            return JsonMapper.builder().build().writeValueAsString(text);
        }

        private static String readString(Path path) {
            try {
                return Files.readString(path);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read " + path + ": " + e.getMessage());
            }
        }
    }

    /** Why a submission has no JUnit run: its load error's message, or its first verdict's. */
    private static String notGradedReason(SubmissionResult result) {
        return result.result()
                .loadError()
                .map(GradeResult.LoadError::message)
                .or(() -> result.result().verdicts().stream()
                        .map(v -> v.message())
                        .filter(m -> !m.isBlank())
                        .findFirst())
                .orElse("This submission could not be graded.");
    }
}
