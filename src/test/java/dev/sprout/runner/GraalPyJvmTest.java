package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GraalPy worker's JDK and runtime, chosen from stand-in JDK folders (a release file and a bin/java). */
class GraalPyJvmTest {

    @TempDir
    Path dir;

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jvm").resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** A build folder as `mvn -Pgraalpy package` leaves it, with or without graalpy-compiler/. */
    private GraalPyFiles build(boolean withCompiler) throws IOException {
        Path target = Files.createDirectories(dir.resolve(withCompiler ? "with" : "without"));
        if (withCompiler) {
            Path compiler = Files.createDirectories(target.resolve("graalpy-compiler"));
            Files.writeString(compiler.resolve("compiler-25.0.3.jar"), "");
            Files.writeString(compiler.resolve("truffle-compiler-25.0.3.jar"), "");
        }
        return new GraalPyFiles(
                target,
                target.resolve("sprout-graalpy.jar"),
                target.resolve("graalpy-lib"),
                target.resolve("graalpy-resources"));
    }

    @Test
    void readsTheMajorVersionFromTheReleaseFile() throws IOException {
        assertThat(GraalPyJvm.feature(jdk("a", "25.0.1"))).contains(25);
        assertThat(GraalPyJvm.feature(jdk("b", "17.0.17"))).contains(17);
        assertThat(GraalPyJvm.feature(jdk("c", "1.8.0_392"))).contains(8);
        assertThat(GraalPyJvm.feature(dir)).isEmpty();
    }

    @Test
    void takesTheNewestJdkFoundAsTheLauncherDoes() throws IOException {
        Path own = jdk("own-17", "17.0.17");
        jdk("temurin-21", "21.0.5");
        Path newest = jdk("temurin-25", "25.0.1");
        jdk("old-11", "11.0.2");
        Files.createDirectories(dir.resolve("jvm").resolve("broken"));

        assertThat(GraalPyJvm.newest(own, Map.of(), dir.resolve("jvm"))).isEqualTo(newest);
        assertThat(GraalPyJvm.newest(own, Map.of(), dir.resolve("nothing-here")))
                .isEqualTo(own);
    }

    @Test
    void runsTheInterpreterUnlessTheOptimizingRuntimeIsAskedFor() throws IOException {
        Path jdk25 = jdk("temurin-25", "25.0.1");
        GraalPyFiles files = build(true);

        GraalPyJvm auto = GraalPyJvm.choose(files, Map.of(GraalPyJvm.JAVA_HOME_VARIABLE, jdk25.toString()));
        assertThat(auto.javaHome()).isEqualTo(jdk25);
        assertThat(auto.optimizing()).isFalse();
        assertThat(auto.flags(files)).isEmpty();
        assertThat(auto.describe()).isEqualTo("JDK 25, interpreted");

        GraalPyJvm optimizing = GraalPyJvm.choose(
                files,
                Map.of(GraalPyJvm.JAVA_HOME_VARIABLE, jdk25.toString(), GraalPyJvm.RUNTIME_VARIABLE, "optimizing"));
        assertThat(optimizing.optimizing()).isTrue();
        assertThat(optimizing.flags(files))
                .contains("-XX:+EnableJVMCI")
                .anySatisfy(flag -> assertThat(flag)
                        .startsWith("--upgrade-module-path=")
                        .contains("compiler-25.0.3.jar")
                        .contains("truffle-compiler-25.0.3.jar"));
        assertThat(optimizing.interpreted().flags(files)).isEmpty();
    }

    @Test
    void fallsBackToTheInterpreterOnJdk17OrWithoutTheCompilerJars() throws IOException {
        Map<String, String> jdk17 = Map.of(
                GraalPyJvm.JAVA_HOME_VARIABLE,
                jdk("jdk-17", "17.0.17").toString(),
                GraalPyJvm.RUNTIME_VARIABLE,
                "optimizing");
        assertThat(GraalPyJvm.choose(build(true), jdk17).optimizing()).isFalse();

        Map<String, String> jdk25 = Map.of(
                GraalPyJvm.JAVA_HOME_VARIABLE,
                jdk("jdk-25", "25").toString(),
                GraalPyJvm.RUNTIME_VARIABLE,
                "optimizing");
        assertThat(GraalPyJvm.choose(build(false), jdk25).optimizing()).isFalse();
        assertThat(GraalPyJvm.choose(build(true), jdk25).optimizing()).isTrue();
    }

    @Test
    void refusesAnUnknownRuntime() throws IOException {
        GraalPyFiles files = build(false);
        assertThatThrownBy(() -> GraalPyJvm.choose(files, Map.of(GraalPyJvm.RUNTIME_VARIABLE, "fast")))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("auto, interpreter or optimizing");
        assertThat(Optional.of(GraalPyJvm.choose(files, Map.of(GraalPyJvm.RUNTIME_VARIABLE, "interpreter"))))
                .hasValueSatisfying(jvm -> assertThat(jvm.optimizing()).isFalse());
    }
}
