package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandboxes;

/**
 * On JDK 25+, a build's worker jar gets a start-up cache (an AOT cache) trained once, outside
 * the sandbox, on the worker's own warm-up; workers start with it inside the sandbox, and a
 * cache the JVM cannot use never stops a worker from starting.
 */
class GraalPyStartupCacheTest {

    private static final GraalPyFiles BUILT = GraalPyFiles.forThisSprout();

    @Test
    void aWorkerJarGetsACacheOnceAndWorkersStartWithIt(@TempDir Path build) throws IOException {
        GraalPyJvm jvm = GraalPyJvm.choose(BUILT, Map.of());
        assumeTrue(jvm.feature() >= GraalPyFiles.STARTUP_CACHE_SINCE, "needs a JDK 25+ on this machine");
        GraalPyFiles files = filesWithAWorkerJar(build);
        List<String> notices = new ArrayList<>();

        files.prepare(jvm, true, notices::add);

        Optional<Path> cache = files.startupCache(jvm);
        assertThat(cache).as("the cache beside the worker jar").isPresent();
        assertThat(cache.get().getParent()).isEqualTo(build);
        assertThat(notices).anyMatch(n -> n.contains("faster start-up for GraalPy"));
        try (Stream<Path> left = Files.list(build)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no partial files left")
                    .containsExactlyInAnyOrder(
                            "sprout-graalpy.jar", cache.get().getFileName().toString());
        }

        notices.clear();
        files.prepare(jvm, true, notices::add);
        assertThat(notices).as("once per build").isEmpty();
        assertThat(GraalPyWorker.command(jvm, files, cache, build, build)).contains("-XX:AOTCache=" + cache.get());

        assertAWorkerStarts(files, jvm);
    }

    @Test
    void aCacheTheJvmCannotUseStillGivesAWorker(@TempDir Path build) throws IOException {
        GraalPyJvm jvm = GraalPyJvm.choose(BUILT, Map.of());
        assumeTrue(jvm.feature() >= GraalPyFiles.STARTUP_CACHE_SINCE, "needs a JDK 25+ on this machine");
        GraalPyFiles files = filesWithAWorkerJar(build);
        BUILT.prepare(jvm, true, notice -> {}); // the standard library, unpacked once for the build
        Path broken = build.resolve("graalpy-worker-jdk" + jvm.feature() + ".aot");
        Files.writeString(broken, "not an AOT cache");
        assertThat(files.startupCache(jvm)).contains(broken);

        assertAWorkerStarts(files, jvm);
    }

    @Test
    void noCacheForTheOptimizingRuntimeOrAClassesFolder(@TempDir Path build) throws IOException {
        GraalPyJvm jvm = GraalPyJvm.choose(BUILT, Map.of());
        Path cache = build.resolve("graalpy-worker-jdk" + jvm.feature() + ".aot");
        GraalPyFiles files = filesWithAWorkerJar(build);
        Files.writeString(cache, "made after the jar");
        assertThat(files.startupCache(new GraalPyJvm(jvm.javaHome(), 25, false)))
                .contains(cache);

        assertThat(files.startupCache(new GraalPyJvm(jvm.javaHome(), 25, true))).isEmpty();
        assertThat(files.startupCache(new GraalPyJvm(jvm.javaHome(), 21, false)))
                .isEmpty();
        assertThat(new GraalPyFiles(build, build, BUILT.libDir(), BUILT.resourceDir())
                        .startupCache(new GraalPyJvm(jvm.javaHome(), 25, false)))
                .isEmpty();
        Files.setLastModifiedTime(
                cache,
                FileTime.fromMillis(Files.getLastModifiedTime(build.resolve("sprout-graalpy.jar"))
                                .toMillis()
                        - 60_000));
        assertThat(files.startupCache(new GraalPyJvm(jvm.javaHome(), 25, false)))
                .as("older than the worker")
                .isEmpty();
    }

    @Test
    void ciJobsDoNotTrainOne() {
        assertThat(GraalPyEngine.trainsStartupCache(Map.of("HOME", "/home/ada")))
                .isTrue();
        assertThat(GraalPyEngine.trainsStartupCache(Map.of("CI", "true"))).isFalse();
        assertThat(GraalPyEngine.trainsStartupCache(Map.of("GITHUB_ACTIONS", "true")))
                .isFalse();
    }

    /** A worker in the sandbox, as a grading session starts it, answers hello. */
    private static void assertAWorkerStarts(GraalPyFiles files, GraalPyJvm jvm) {
        try (GraalPyWorker worker = new GraalPyWorker(Sandboxes.choose("auto"), files, jvm, Limits.DEFAULTS)) {
            worker.ensureStarted();
            assertThat(worker.ready().path("op").asString()).isEqualTo("ready");
        }
    }

    /** The build's worker classes as the jar `mvn -Pgraalpy package` writes (the tests run before it). */
    private static GraalPyFiles filesWithAWorkerJar(Path build) throws IOException {
        Path jar = build.resolve("sprout-graalpy.jar");
        Path classes = BUILT.workerCode();
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                zip.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return new GraalPyFiles(build, jar, BUILT.libDir(), BUILT.resourceDir());
    }
}
