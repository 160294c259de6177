package dev.sprout.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A copy of this repository's launcher beside a tiny jar newer than its pom.xml and sources, so
 * the launcher runs the jar (whose main class is {@code probe}) and never starts a build.
 */
final class FakeRepository {

    private static final Path LAUNCHER = Path.of("sprout").toAbsolutePath();

    private FakeRepository() {}

    static Path make(Path folder, Class<?> probe) throws Exception {
        Path repo = Files.createDirectories(folder);
        Path launcher = Files.copy(LAUNCHER, repo.resolve("sprout"));
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Path pom = Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Path sources = Files.createDirectories(repo.resolve("src/main"));
        FileTime anHourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        Files.setLastModifiedTime(pom, anHourAgo);
        Files.setLastModifiedTime(sources, anHourAgo);

        Path jar = Files.createDirectories(repo.resolve("target")).resolve("sprout.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, probe.getName());
        String classFile = probe.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = probe.getClassLoader().getResourceAsStream(classFile)) {
            assertThat(in).isNotNull();
            out.putNextEntry(new JarEntry(classFile));
            in.transferTo(out);
            out.closeEntry();
        }
        return repo;
    }
}
