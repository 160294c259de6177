package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real git repositories, real packs and a captured console for the `sprout grade` tests. */
final class GradeFixtures {

    /** The repository this build runs in: its exercises/ and graders/ are the built-in pack. */
    static final Path PACK = Path.of("").toAbsolutePath();

    private GradeFixtures() {}

    /** A console writing into buffers, with the real PATH (to find python3 and git) plus {@code extra}. */
    static final class Captured {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Console console;
        /** What the last {@link #run} returned. */
        int exitCode;

        Captured(Path workingDir, Map<String, String> extra) {
            this(workingDir, extra, false);
        }

        Captured(Path workingDir, Map<String, String> extra, boolean terminal) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.keySet().removeIf(k -> k.startsWith("GITHUB_"));
            env.putAll(extra);
            console = new Console(new PrintWriter(out), new PrintWriter(err), env, workingDir, terminal);
        }

        int run(String... args) {
            return Main.run(console, args);
        }
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("git %s: %s", String.join(" ", args), output)
                .isZero();
        return output;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * A two-exercise pack a mentor might write: add(a, b) and shout(text), two cases each, with
     * tight limits so a looping submission costs about a second per case.
     */
    static Path tinyPack(Path root) throws IOException {
        write(
                root.resolve("graders/01-basics/01-adder/grader.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "title: \"Add two numbers\"",
                        "entry: adder.py",
                        "limits: {cpu: 1, wall: 8}",
                        "tasks:",
                        "  - name: \"add() adds\"",
                        "    cases:",
                        "      - name: \"adds small numbers\"",
                        "        call: add",
                        "        args: [2, 3]",
                        "        expect: {value: 5}",
                        "      - name: \"adds negatives\"",
                        "        points: 2",
                        "        call: add",
                        "        args: [-2, -3]",
                        "        expect: {value: -5}",
                        ""));
        write(root.resolve("graders/01-basics/01-adder/solution.py"), "def add(a, b):\n    return a + b\n");
        write(root.resolve("exercises/01-basics/01-adder/adder.py"), "def add(a, b):\n    pass\n");
        write(
                root.resolve("graders/01-basics/02-shout/grader.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "title: \"Shout\"",
                        "entry: shout.py",
                        "limits: {cpu: 1, wall: 2}",
                        "tasks:",
                        "  - name: \"shout() shouts\"",
                        "    cases:",
                        "      - name: \"upper-cases and adds !\"",
                        "        call: shout",
                        "        args: [\"hi\"]",
                        "        expect: {value: \"HI!\"}",
                        "      - name: \"keeps spaces\"",
                        "        hidden: true",
                        "        call: shout",
                        "        args: [\"a b\"]",
                        "        expect: {value: \"A B!\"}",
                        ""));
        write(
                root.resolve("graders/01-basics/02-shout/solution.py"),
                "def shout(text):\n    return text.upper() + '!'\n");
        write(root.resolve("exercises/01-basics/02-shout/shout.py"), "def shout(text):\n    pass\n");
        return root;
    }
}
