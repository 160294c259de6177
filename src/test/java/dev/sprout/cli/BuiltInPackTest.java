package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.catalog.Pack;

class BuiltInPackTest {

    @TempDir
    Path temp;

    @Test
    void thePackTheBuildPutInsideTheJarUnpacksOnceIntoTheCache() throws Exception {
        Path classes = Path.of(BuiltInPack.class
                        .getResource(BuiltInPack.RESOURCE + "/graders")
                        .toURI())
                .getParent();
        // pack it as the shade plugin would, then read it back through the zip file system as from a jar
        Path jar = temp.resolve("sprout.jar");
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
            try (var walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    Path to = zip.getPath(
                            "/pack/" + classes.relativize(file).toString().replace('\\', '/'));
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        }
        Path cache = temp.resolve("cache");
        Path first;
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            first = BuiltInPack.extract(zip.getPath("/pack"), cache);
            Files.writeString(first.resolve("marker"), "still here");
            assertThat(BuiltInPack.extract(zip.getPath("/pack"), cache)).isEqualTo(first);
        }
        assertThat(first.getFileName().toString()).matches("pack-[0-9a-f]{16}");
        assertThat(first.resolve("marker")).exists();
        try (var entries = Files.list(cache)) {
            assertThat(entries.toList()).containsExactly(first);
        }
        Pack pack = Pack.load(first);
        assertThat(pack.exercises()).isNotEmpty();
        assertThat(pack.starterDir(pack.exercises().get(0)).resolve("README.md"))
                .exists();
        assertThat(first.resolve("graders/01-week1/01-hello-input/solution.py")).exists();
    }

    @Test
    void theCacheFollowsXdgThenHome() {
        assertThat(BuiltInPack.cacheDir(Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/home/ana")))
                .isEqualTo(Path.of("/x/cache/sprout"));
        assertThat(BuiltInPack.cacheDir(Map.of("HOME", "/home/ana"))).isEqualTo(Path.of("/home/ana/.cache/sprout"));
    }
}
