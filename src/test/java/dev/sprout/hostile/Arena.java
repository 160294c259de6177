package dev.sprout.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sprout.grading.Grader;
import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/**
 * One hostile submission's world, in a test's temp dir: a grader pack whose spec and reference
 * solution hold a secret expected value, the learner's folder, and a folder "outside" with a
 * canary file. {@link #grade} grades a fixture for real and then checks what every attack must
 * leave intact: no process of the submission alive, no file changed outside the work dir, the
 * learner's original folder untouched, no attack case passed, and sprout still grading.
 *
 * <p>Permissions follow what each tier promises. Tier A (bwrap) must protect files by itself, so
 * the learner's folder and the outside folder are world-writable and the pack world-readable.
 * Tier B (launcher) has no file isolation and protects by running learner code as an
 * unprivileged user, so there they carry ordinary modes: folders 755, files 644, and the pack
 * 700 (as a pack must be when sprout grades untrusted code on tier B: a world-readable spec
 * there hands learner code every expected value).
 */
final class Arena {

    static final String BWRAP = "bwrap";
    static final String LAUNCHER = "launcher";
    static final String REPORT_MARK = "HOSTILE-REPORT ";
    static final String LIMITS = "{cpu: 1, wall: 2}";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final String KIT = "hostile_kit.py";

    private final String tier;
    private final Grader grader;
    private final RecordingSandbox sandbox;
    private final Path root;
    private final Path graders;
    private final Path exerciseDir;
    private final Path learner;
    private final Path outside;
    private final String secret =
            "expected-" + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits());
    private final String token = "tok" + UUID.randomUUID().toString().replace("-", "");

    Arena(Path temp, String tier, Grader grader, RecordingSandbox sandbox) throws IOException {
        this.tier = tier;
        this.grader = grader;
        this.sandbox = sandbox;
        this.root = temp;
        // learner code runs unprivileged: it may pass through the temp dir, not list it
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
        graders = Files.createDirectories(temp.resolve("pack/graders"));
        exerciseDir = Files.createDirectories(graders.resolve("01-hostile/01-attack"));
        learner = Files.createDirectories(temp.resolve("learner"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("canary.txt"), "the grader's own file: learner code must not change it\n");
        Files.writeString(exerciseDir.resolve("solution.py"), "def attack(*args):\n    return '" + secret + "'\n");
        Files.setPosixFilePermissions(temp.resolve("pack"), PosixFilePermissions.fromString("rwx--x--x"));
    }

    boolean tierA() {
        return tier.equals(BWRAP);
    }

    String token() {
        return token;
    }

    String secret() {
        return secret;
    }

    Path learner() {
        return learner;
    }

    Path outside() {
        return outside;
    }

    Path canary() {
        return outside.resolve("canary.txt");
    }

    Path specFile() {
        return exerciseDir.resolve("grader.yaml");
    }

    Path solutionFile() {
        return exerciseDir.resolve("solution.py");
    }

    /** A call case whose expected value is the secret: only a leak could make it pass. */
    String attackCall(String name, String function, String... args) {
        return call(name, function, "{value: " + quote(secret) + "}", args);
    }

    /** A call case with the given expectation; the token is always the first argument. */
    String call(String name, String function, String expect, String... args) {
        List<String> all = new ArrayList<>(List.of(token));
        all.addAll(List.of(args));
        return "      - name: " + quote(name) + "\n        call: " + function + "\n        args: "
                + JSON.writeValueAsString(all) + "\n        expect: " + expect + "\n";
    }

    /** A case an honest add(a, b) in the fixture passes: it shows the harness carries on. */
    static String honestAdd(String name) {
        return "      - name: " + quote(name)
                + "\n        call: add\n        args: [2, 3]\n        expect: {value: 5}\n";
    }

    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    /**
     * Grades {@code fixture} (with the kit beside it) against the given cases, then checks every
     * containment promise. Cases whose name starts with "attack" must not pass.
     */
    Graded grade(String fixture, String limits, String... cases) throws IOException {
        copyResource(fixture, learner.resolve(fixture));
        copyResource(KIT, learner.resolve(KIT));
        Files.writeString(
                specFile(),
                "version: 1\nentry: " + fixture + "\nlimits: " + limits + "\ntasks:\n  - name: hostile\n    cases:\n"
                        + String.join("", cases));
        applyModes();
        GraderSpec spec = SpecParser.parse(specFile(), "attack");
        Map<String, String> before = snapshot();
        sandbox.takeWorkDirs();

        GradeResult result = grader.grade(spec, graders, learner);

        List<Path> workDirs = sandbox.takeWorkDirs();
        Graded graded = new Graded(result);
        assertThat(workDirs).as("harnesses started").isNotEmpty();
        assertNothingLeftRunning(workDirs, graded);
        assertThat(snapshot())
                .as("the learner's folder, the pack and the folder outside, after grading")
                .isEqualTo(before);
        // deleted in the background once the verdicts are in (Sandboxes.deleteWorkspaceLater)
        awaitGone(workDirs, Duration.ofSeconds(5));
        assertThat(workDirs)
                .as("the submission's work dir is removed")
                .allSatisfy(d -> assertThat(d).doesNotExist());
        assertThat(result.verdicts())
                .filteredOn(v -> v.name().startsWith("attack"))
                .as("attack cases never pass")
                .allSatisfy(v -> {
                    assertThat(v.status()).as(v.name() + ": " + v.message()).isNotEqualTo(Verdict.Status.PASSED);
                    assertThat(v.points()).isZero();
                });
        assertStillGrading();
        return graded;
    }

    private static void awaitGone(List<Path> dirs, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (dirs.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void assertNothingLeftRunning(List<Path> workDirs, Graded graded) {
        List<String> markers =
                new ArrayList<>(workDirs.stream().map(Path::toString).toList());
        markers.add(token);
        Set<String> namespaces = new TreeSet<>(graded.pidNamespaces());
        namespaces.remove(ProcScan.ownPidNamespace());
        assertThat(ProcScan.survivors(markers, namespaces, SETTLE))
                .as(
                        "processes of the submission still alive after grading (markers %s, namespaces %s)",
                        markers, namespaces)
                .isEmpty();
    }

    /** The JVM survived and grades an honest submission as before. */
    private void assertStillGrading() throws IOException {
        Path dir = Files.createTempDirectory(root, "control-");
        Path spec = Files.createDirectories(dir.resolve("graders/01-control/01-adder"))
                .resolve("grader.yaml");
        Files.writeString(spec, """
                version: 1
                entry: adder.py
                tasks:
                  - name: control
                    cases:
                      - name: adds
                        call: add
                        args: [2, 3]
                        expect: {value: 5}
                """);
        Path learnerDir = Files.createDirectories(dir.resolve("learner"));
        Files.writeString(learnerDir.resolve("adder.py"), "def add(a, b):\n    return a + b\n");
        GradeResult control = grader.grade(SpecParser.parse(spec, "adder"), dir.resolve("graders"), learnerDir);
        assertThat(control.verdicts())
                .as("an honest submission graded after the attack")
                .singleElement()
                .satisfies(v -> assertThat(v.status()).as(v.message()).isEqualTo(Verdict.Status.PASSED));
    }

    private void applyModes() throws IOException {
        String dirs = tierA() ? "rwxrwxrwx" : "rwxr-xr-x";
        String files = tierA() ? "rw-rw-rw-" : "rw-r--r--";
        for (Path top : List.of(learner, outside)) {
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : walk.toList()) {
                    if (!Files.isSymbolicLink(p)) {
                        Files.setPosixFilePermissions(
                                p, PosixFilePermissions.fromString(Files.isDirectory(p) ? dirs : files));
                    }
                }
            }
        }
        String pack = tierA() ? "rwxr-xr-x" : "rwx------";
        try (Stream<Path> walk = Files.walk(graders)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? pack : pack.replace('x', '-')));
            }
        }
    }

    /** Path, type, mode and content hash of everything in the learner's folder, the pack and the outside folder. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> state = new TreeMap<>();
        for (Path top : List.of(learner, graders, outside)) {
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : walk.toList()) {
                    String key = root.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        state.put(key, "link -> " + Files.readSymbolicLink(p));
                    } else {
                        String mode = PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                        state.put(key, Files.isDirectory(p) ? "dir " + mode : "file " + mode + " " + sha256(p));
                    }
                }
            }
        }
        return state;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = Arena.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource hostile/" + name);
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A graded attack, with the reports its fixture printed, by case name. */
    static final class Graded {

        private final GradeResult result;
        private final Map<String, JsonNode> reports = new LinkedHashMap<>();

        Graded(GradeResult result) {
            this.result = result;
            for (Verdict v : result.verdicts()) {
                v.output()
                        .lines()
                        .filter(l -> l.startsWith(REPORT_MARK))
                        .reduce((a, b) -> b)
                        .ifPresent(line -> reports.put(v.name(), JSON.readTree(line.substring(REPORT_MARK.length()))));
            }
        }

        GradeResult result() {
            return result;
        }

        Verdict verdict(String name) {
            return result.verdicts().stream()
                    .filter(v -> v.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no verdict for case " + name + " in " + describe()));
        }

        Verdict.Status status(String name) {
            return verdict(name).status();
        }

        Map<String, JsonNode> reports() {
            return Map.copyOf(reports);
        }

        /** The fixture's report in that case; fails the test if it printed none. */
        JsonNode report(String name) {
            return Optional.ofNullable(reports.get(name))
                    .orElseThrow(() -> new AssertionError("case " + name + " printed no report: " + describe()));
        }

        /** The report field as text ("" when absent). */
        String field(String name, String field) {
            JsonNode node = report(name).path(field);
            return node.isString() ? node.asString() : node.isMissingNode() ? "" : node.toString();
        }

        Set<String> pidNamespaces() {
            return reports.values().stream()
                    .map(r -> r.path("pidns").asString(""))
                    .filter(ns -> ns.startsWith("pid:["))
                    .collect(Collectors.toSet());
        }

        String describe() {
            return result.verdicts().stream()
                    .map(v -> v.name() + " [" + v.status().label() + ", " + v.points() + " pt] " + v.message()
                            + v.actual().map(a -> " actual=" + a).orElse("")
                            + "\n    output: " + abbreviate(v.output()))
                    .collect(Collectors.joining("\n"));
        }

        private static String abbreviate(String text) {
            return text.length() <= 1500 ? text : text.substring(0, 1500) + "… (" + text.length() + " chars)";
        }
    }
}
