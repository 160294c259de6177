package dev.sprout.runner;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;

import dev.sprout.process.HostCommand;
import dev.sprout.process.HostRun;

/**
 * Where the GraalPy worker's code lives, and how it gets there. {@code mvn -Pgraalpy package}
 * writes {@code sprout-graalpy.jar} and {@code graalpy-lib/} beside {@code sprout.jar}; the
 * tests use the build's classes folder instead of the jar. GraalPy's standard library is
 * unpacked once into {@code graalpy-resources/}, so sandboxed workers read it from a read-only
 * folder instead of unpacking it into each sandbox.
 *
 * @param buildDir    the folder holding sprout.jar (or the classes folder)
 * @param workerCode  sprout-graalpy.jar, or the classes folder
 * @param libDir      GraalPy and the other jars the worker needs
 * @param resourceDir GraalPy's unpacked standard library
 */
public record GraalPyFiles(Path buildDir, Path workerCode, Path libDir, Path resourceDir) {

    static final String WORKER_MAIN = "dev.sprout.graalpy.Worker";
    static final String BUILD_COMMAND = "mvn -q -Pgraalpy -DskipTests package";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(5);
    /** About half a minute on 2 quiet cores; CI machines are slower. */
    private static final Duration TRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** JDK 25 is the first with JEP 483/514's AOT cache. */
    static final int STARTUP_CACHE_SINCE = 25;

    /** The files for the sprout that is running: beside its jar, or beside its classes folder. */
    public static GraalPyFiles forThisSprout() {
        Path code;
        try {
            code = Path.of(GraalPyFiles.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | RuntimeException e) {
            code = Path.of("target", "sprout.jar").toAbsolutePath();
        }
        Path buildDir = code.toAbsolutePath().getParent();
        Path worker = Files.isDirectory(code) ? code : buildDir.resolve("sprout-graalpy.jar");
        return new GraalPyFiles(
                buildDir, worker, buildDir.resolve("graalpy-lib"), buildDir.resolve("graalpy-resources"));
    }

    /**
     * True when the worker and GraalPy's jars are there (the standard library may still need
     * unpacking), and the worker is not older than sprout.jar: it carries its own copy of
     * harness.py, which must match the CLI's.
     */
    public boolean built() {
        boolean worker = Files.isDirectory(workerCode)
                ? Files.isRegularFile(workerCode.resolve("dev/sprout/graalpy/Worker.class"))
                : Files.isRegularFile(workerCode) && !olderThanCli();
        return worker && hasPolyglot();
    }

    private boolean olderThanCli() {
        Path cli = buildDir.resolve("sprout.jar");
        try {
            return Files.isRegularFile(cli)
                    && Files.getLastModifiedTime(workerCode).compareTo(Files.getLastModifiedTime(cli)) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean hasPolyglot() {
        if (!Files.isDirectory(libDir)) {
            return false;
        }
        try (Stream<Path> jars = Files.list(libDir)) {
            return jars.anyMatch(p -> p.getFileName().toString().startsWith("python-language-"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The Graal compiler and the jars it needs, for Truffle's optimizing runtime on JDK 21+
     * (GraalPyJvm); never on the class path. Empty when the build did not write them.
     */
    List<Path> compilerJars() {
        Path dir = buildDir.resolve("graalpy-compiler");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
            boolean compiler =
                    found.stream().anyMatch(p -> p.getFileName().toString().startsWith("compiler-"));
            return compiler ? found : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The worker's class path, as {@code java -cp} takes it. */
    String classPath() {
        return workerCode + File.pathSeparator + libDir.resolve("*");
    }

    /** The source checkout this sprout was built from, if it is one (for building GraalPy on first need). */
    Optional<Path> repository() {
        Path parent = buildDir.getParent();
        return parent != null && Files.isRegularFile(parent.resolve("pom.xml"))
                ? Optional.of(parent)
                : Optional.empty();
    }

    /**
     * Builds the worker if it is missing and unpacks GraalPy's standard library if needed, telling
     * the user once what is happening; with {@code trainStartupCache}, also makes the worker's
     * start-up cache when this JDK can have one and the build has none.
     *
     * @throws RunnerException with exact instructions when it cannot be done from here
     */
    void prepare(GraalPyJvm jvm, boolean trainStartupCache, Consumer<String> notices) {
        if (!built()) {
            build(notices);
        }
        if (!Files.isRegularFile(resourceDir.resolve(".complete"))) {
            unpackResources(jvm.javaHome());
        }
        if (trainStartupCache) {
            trainStartupCache(jvm, notices);
        }
    }

    /**
     * On JDK 25+, the worker's classes loaded and linked ahead of time (an AOT cache, JEP 483/514)
     * from a run of the worker's own warm-up case, once per build and JDK: a worker then starts
     * in about half the time (BENCHMARKS.md, "GraalPy's worker with a start-up cache"). Only for
     * the jar a build writes (a JVM cannot cache classes from a folder) and the interpreter (the
     * compiler's upgrade module path rules the cache out). Empty when there is none, or when it
     * is older than the worker or the JDK, which would refuse it.
     */
    Optional<Path> startupCache(GraalPyJvm jvm) {
        Path cache = startupCachePath(jvm);
        return cachable(jvm) && newerThanWorkerAndJdk(cache, jvm) ? Optional.of(cache) : Optional.empty();
    }

    /** The flags that make a worker JVM use {@code cache}, silently running without it if it cannot. */
    static List<String> useStartupCache(Path cache) {
        return List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
    }

    /** A worker did not start with {@code cache}: it goes, and the next build's first worker makes another. */
    void refuseStartupCache(Path cache) {
        try {
            Files.deleteIfExists(cache);
            Files.writeString(failedMarker(cache), "refused by a worker JVM\n");
        } catch (IOException e) {
            // a read-only build folder: GraalPyWorker falls back to no cache each time
        }
    }

    private Path startupCachePath(GraalPyJvm jvm) {
        return buildDir.resolve("graalpy-worker-jdk" + jvm.feature() + ".aot");
    }

    private static Path failedMarker(Path cache) {
        return cache.resolveSibling(cache.getFileName() + ".failed");
    }

    private boolean cachable(GraalPyJvm jvm) {
        return !jvm.optimizing() && jvm.feature() >= STARTUP_CACHE_SINCE && Files.isRegularFile(workerCode);
    }

    private boolean newerThanWorkerAndJdk(Path file, GraalPyJvm jvm) {
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            long made = Files.getLastModifiedTime(file).toMillis();
            Path release = jvm.javaHome().resolve("release");
            return made >= Files.getLastModifiedTime(workerCode).toMillis()
                    && (!Files.isRegularFile(release)
                            || made >= Files.getLastModifiedTime(release).toMillis());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs the worker outside any sandbox, as the unpacking does (no learner code is involved:
     * hello runs the worker's built-in warm-up case), with the flags every worker gets, and keeps
     * the cache it leaves at exit. Best effort: after a failure it is not tried again until the
     * worker is rebuilt.
     */
    private void trainStartupCache(GraalPyJvm jvm, Consumer<String> notices) {
        Path cache = startupCachePath(jvm);
        if (!cachable(jvm)
                || startupCache(jvm).isPresent()
                || newerThanWorkerAndJdk(failedMarker(cache), jvm)
                || !Files.isWritable(buildDir)) {
            return;
        }
        notices.accept("Preparing a faster start-up for GraalPy (once per build, about half a minute)...");
        Path partial = cache.resolveSibling(
                cache.getFileName() + "." + ProcessHandle.current().pid());
        Path work = null;
        boolean made = false;
        try {
            work = Files.createTempDirectory("sprout-graalpy-train-");
            Path inbox = Files.createDirectory(work.resolve("inbox"));
            Path scratch = Files.createDirectory(work.resolve("scratch"));
            List<String> command = new ArrayList<>(GraalPyWorker.command(jvm, this, Optional.empty(), inbox, scratch));
            command.addAll(1, List.of("-XX:AOTCacheOutput=" + partial, "-Xlog:aot=off", "-Xlog:cds=off"));
            HostRun training = HostCommand.of(command)
                    .stdin("{\"op\":\"hello\"}\n{\"op\":\"bye\"}\n")
                    .mergeStderr()
                    .outputCap(64 * 1024)
                    .timeout(TRAIN_TIMEOUT)
                    .run();
            if (training.ended() == HostRun.Ended.INTERRUPTED) {
                return;
            }
            if (training.ok() && Files.isRegularFile(partial) && Files.size(partial) > 0) {
                openToOthers(partial);
                Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                made = true;
            }
        } catch (IOException | RuntimeException e) {
            // no cache: workers start as before
        } finally {
            FileUtils.deleteQuietly(partial.toFile());
            FileUtils.deleteQuietly(
                    partial.resolveSibling(partial.getFileName() + ".config").toFile());
            if (work != null) {
                FileUtils.deleteQuietly(work.toFile());
            }
            if (!made && !Thread.currentThread().isInterrupted()) {
                try {
                    Files.writeString(failedMarker(cache), "no start-up cache for this build\n");
                } catch (IOException e) {
                    // not writable after all: the check above will skip it next time
                }
            }
        }
    }

    private void build(Consumer<String> notices) {
        Optional<Path> repo = repository();
        Optional<Path> mvn = onPath("mvn");
        if (repo.isEmpty() || mvn.isEmpty()) {
            throw new RunnerException("GraalPy, sprout's built-in Python, is not built"
                    + (repo.isEmpty()
                            ? " and this sprout was not run from its source folder. In the sprout source folder, run `"
                                    + BUILD_COMMAND + "` (downloads ~160 MB once), or install Python 3.8 or newer."
                            : " and Maven (mvn) is not on your PATH. Install Maven, then run `" + BUILD_COMMAND
                                    + "` in " + repo.get()
                                    + " (downloads ~160 MB once), or install Python 3.8 or newer."));
        }
        notices.accept("sprout grades with GraalPy, its built-in Python, which is not built yet (or is older than "
                + "sprout). Building it now with `" + BUILD_COMMAND + "` (downloads ~160 MB the first time; a few "
                + "minutes)...");
        List<String> command = new ArrayList<>(List.of(
                mvn.get().toString(),
                "-q",
                "-B",
                "-Pgraalpy",
                "-DskipTests",
                // the running sprout.jar must not be rewritten under the JVM that is reading it
                "-Dsprout.skipCliJar=true",
                "-Dsprout.buildDir=" + buildDir,
                "package"));
        // mvn's whole output is kept: the reason for a failed build is in its last lines
        HostRun build = HostCommand.of(command)
                .dir(repo.get())
                .mergeStderr()
                .outputCap(16 << 20)
                .timeout(BUILD_TIMEOUT)
                .run();
        switch (build.ended()) {
            case NOT_STARTED ->
                throw new RunnerException("Could not run Maven to build GraalPy: "
                        + build.startFailure().orElse("unknown reason") + ". Run `" + BUILD_COMMAND + "` in "
                        + repo.get() + ".");
            case INTERRUPTED -> throw new RunnerException("Interrupted while building GraalPy.");
            case TIMED_OUT, EXITED -> {
                if (!build.ok() || !built()) {
                    String text = build.stdout().strip();
                    throw new RunnerException("Building GraalPy failed"
                            + (build.ended() == HostRun.Ended.TIMED_OUT
                                    ? " (it took over " + BUILD_TIMEOUT.toMinutes() + " minutes and was stopped)"
                                    : "")
                            + ". Run `" + BUILD_COMMAND + "` in " + repo.get()
                            + " to see why" + (text.isEmpty() ? "." : ":\n" + tail(text)));
                }
            }
        }
    }

    /** Runs the worker outside any sandbox (no learner code is involved) to unpack the standard library. */
    private void unpackResources(Path javaHome) {
        try {
            Path parent = resourceDir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempDirectory(parent, "graalpy-resources-");
            // bounded like every JVM sprout starts (GraalPyWorker.HEAP says why); copying files needs little
            HostRun unpack = HostCommand.of(
                            javaHome.resolve("bin").resolve("java").toString(),
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            classPath(),
                            "-Dpolyglot.engine.WarnInterpreterOnly=false",
                            WORKER_MAIN,
                            "--copy-resources",
                            temp.toString())
                    .mergeStderr()
                    .outputCap(64 * 1024)
                    .timeout(UNPACK_TIMEOUT)
                    .run();
            if (unpack.ended() == HostRun.Ended.INTERRUPTED) {
                throw new RunnerException("Interrupted while unpacking GraalPy's standard library.");
            }
            if (!unpack.ok()) {
                throw new RunnerException(
                        "Could not unpack GraalPy's standard library into " + resourceDir + ":\n" + unpack.diagnosis());
            }
            Files.writeString(temp.resolve(".complete"), "unpacked by sprout\n");
            openToOthers(temp);
            try {
                Files.move(temp, resourceDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another sprout unpacked it first: use theirs
                FileUtils.deleteQuietly(temp.toFile());
                if (!Files.isRegularFile(resourceDir.resolve(".complete"))) {
                    throw raced;
                }
            }
        } catch (IOException e) {
            throw new RunnerException(
                    "Could not unpack GraalPy's standard library into " + resourceDir + ": " + e.getMessage(), e);
        }
    }

    /** The sandbox user (nobody, when sprout runs as root) reads these files: o+r, folders o+rx. */
    private static void openToOthers(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                var permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
                permissions.add(PosixFilePermission.OTHERS_READ);
                permissions.add(PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(path)) {
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(path, permissions);
            }
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 2000 ? trimmed : "…" + trimmed.substring(trimmed.length() - 2000);
    }
}
