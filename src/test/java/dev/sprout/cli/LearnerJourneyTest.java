package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.catalog.Pack;

/** The learner's first day, through the real CLI, real Python and real files. */
class LearnerJourneyTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String HELLO = "exercises/01-week1/01-hello-input/hello.py";

    @TempDir
    Path home;

    @Test
    void initNextSubmitWrongHintSubmitFixedThenReset() throws Exception {
        CliRun init = CliRun.in(home, "init", "python-learning", "--action-repo", "ana/sprout");
        assertThat(init.exit()).as(init.all()).isZero();
        assertThat(home.resolve("python-learning/.github/workflows/sprout.yml"))
                .as("CI workflow for pull requests")
                .content()
                .contains("pull_request");
        Path ws = home.resolve("python-learning");
        assertThat(ws.resolve(HELLO)).exists();
        assertThat(ws.resolve("README.md")).content().contains("sprout next");
        assertThat(ws.resolve(".gitignore")).content().contains("__pycache__/");
        assertThat(ws.resolve(".git")).isDirectory();
        assertThat(ws.resolve("graders")).doesNotExist();
        assertThat(ws.resolve(".sprout/progress.json")).content().contains("\"current\": \"hello-input\"");

        CliRun next = CliRun.in(ws.resolve("exercises"), "next");
        assertThat(next.exit()).isZero();
        assertThat(next.out())
                .contains(
                        "Monday: your program says hello",
                        "Month 1 · Week 1 · Monday",
                        "Edit: " + HELLO,
                        "0/" + Pack.load(REPO).exercises().size())
                .doesNotContain("```", "**");

        CliRun wrong = CliRun.in(ws, "submit");
        assertThat(wrong.exit()).as(wrong.all()).isEqualTo(ExitCode.FAILED);
        assertThat(wrong.out()).contains("✗ greets Ana", "sprout hint");

        CliRun hint = CliRun.in(ws, "hint");
        assertThat(hint.out()).contains("Hint 1 of 3").doesNotContain("Hint 2 of 3");
        CliRun secondHint = CliRun.in(ws, "hint", "hello-input");
        assertThat(secondHint.out()).contains("Hint 1 of 3", "Hint 2 of 3");

        Files.copy(
                REPO.resolve("graders/01-week1/01-hello-input/solution.py"),
                ws.resolve(HELLO),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(ws.resolve(HELLO), "\n# my own version\n", StandardOpenOption.APPEND);
        CliRun fixed = CliRun.in(ws, "submit");
        assertThat(fixed.exit()).as(fixed.all()).isZero();
        assertThat(fixed.out())
                .contains("✓ All done!", "solutions/01-hello-input/hello.py", "Next up: Tuesday: lists and tuples")
                .contains("git add -A && git commit -m \"Solve hello-input\"");
        assertThat(ws.resolve("solutions/01-hello-input/hello.py")).exists();
        String progress = Files.readString(ws.resolve(".sprout/progress.json"));
        assertThat(progress)
                .contains(
                        "\"current\": \"lists-tuples\"", "\"hello-input\": 2", "\"done\": [\n    \"hello-input\"\n  ]");
        assertThat(CliRun.in(ws, "list", "--done").out())
                .contains("✓ done")
                .contains("hello-input")
                .doesNotContain("lists-tuples");
        assertThat(CliRun.in(ws, "list", "--pending").out())
                .contains("▶ current  lists-tuples")
                .doesNotContain("hello-input ");
        assertThat(CliRun.in(ws, "progress", "--json").out())
                .contains("\"done\" : 1", "\"current\" : \"lists-tuples\"");

        CliRun declined = CliRun.withInput(ws, input("n\n"), "reset", "hello-input");
        assertThat(declined.out()).contains("Nothing was reset");
        assertThat(ws.resolve(HELLO)).content().contains("my own version");

        CliRun reset = CliRun.withInput(ws, input("y\n"), "reset", "hello-input");
        assertThat(reset.exit()).as(reset.all()).isZero();
        assertThat(ws.resolve(HELLO)).content().contains("TODO").doesNotContain("my own version");
        try (Stream<Path> backups = Files.list(ws.resolve(".sprout/backups"))) {
            Path backup = backups.findFirst().orElseThrow();
            assertThat(backup.getFileName().toString()).matches("hello-input-\\d{8}-\\d{6}\\.py");
            assertThat(backup).content().contains("my own version");
        }
    }

    @Test
    void initRefusesToOverwriteAndSaysHowToGoOn() throws Exception {
        Path ws = home.resolve("mine");
        Files.createDirectories(ws.resolve("exercises/01-week1/01-hello-input"));
        Files.writeString(ws.resolve(HELLO), "print('my work')\n");
        CliRun init = CliRun.in(home, "init", "mine", "--no-git");
        assertThat(init.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(init.err())
                .contains("never overwrites", HELLO, "sprout init my-python")
                .doesNotContain("Exception");
        assertThat(ws.resolve(HELLO)).content().isEqualTo("print('my work')\n");
        assertThat(ws.resolve(".sprout")).doesNotExist();
    }

    @Test
    void corruptProgressIsRecoveredWithAMessageNamingTheFile() throws Exception {
        assertThat(CliRun.in(home, "init", "--no-git").exit()).isZero();
        Files.writeString(home.resolve(".sprout/progress.json"), "{\"done\": [\"hello-in");
        CliRun list = CliRun.in(home, "list");
        assertThat(list.exit()).isZero();
        assertThat(list.err())
                .contains(".sprout/progress.json could not be read", "progress.json.broken")
                .doesNotContain("Exception");
        assertThat(list.out()).contains("▶ current  hello-input");
        assertThat(home.resolve(".sprout/progress.json.broken")).exists();
        assertThat(CliRun.in(home, "hint").exit()).isZero();
        assertThat(home.resolve(".sprout/progress.json")).content().contains("\"hello-input\": 1");
    }

    @Test
    void runFeedsTheProgramWhatIsTyped() throws Exception {
        assertThat(CliRun.in(home, "init", "--no-git").exit()).isZero();
        Files.copy(
                REPO.resolve("graders/01-week1/01-hello-input/solution.py"),
                home.resolve(HELLO),
                StandardCopyOption.REPLACE_EXISTING);
        CliRun run = CliRun.withInput(home, input("Zoë\n41\n"), "run");
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("Hello, Zoë!", "Next year you will be 42.");
    }

    @Test
    void submitOutsideAWorkspaceExplainsWhatToDo() {
        CliRun submit = CliRun.in(home, "next");
        assertThat(submit.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(submit.err()).contains("sprout init");
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
