package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a learner's git history holds after sprout's first commit and the commits it suggests:
 * real git, in temp repositories, with a private global config so the machine's own identity
 * (or its absence) does not matter.
 */
class LearnerGitTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    static final String HELLO = "exercises/01-week1/01-hello-input/hello.py";
    static final String LISTS = "exercises/01-week1/02-lists-tuples/lists_tuples.py";

    @TempDir
    Path home;

    private Map<String, String> git;

    @BeforeEach
    void privateGitConfig() throws Exception {
        git = gitConfig(home, "[user]\n\tname = Ana Learner\n\temail = ana@example.com\n");
    }

    /** A GIT_CONFIG_GLOBAL of our own; useConfigOnly stops git guessing an identity from the host name. */
    static Map<String, String> gitConfig(Path home, String config) throws Exception {
        Path file = home.resolve("gitconfig");
        Files.writeString(file, config + "[user]\n\tuseConfigOnly = true\n[init]\n\tdefaultBranch = main\n");
        Map<String, String> environment = new HashMap<>();
        environment.put("GIT_CONFIG_GLOBAL", file.toString());
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        return environment;
    }

    @Test
    void theFirstCommitAndTheSuggestedCommitsHoldEverythingProgressSaysIsDone() throws Exception {
        CliRun init = CliRun.withEnvironment(home, git, "init", "python-learning");
        assertThat(init.exit()).as(init.all()).isZero();
        assertThat(init.out()).contains("first commit");
        Path ws = home.resolve("python-learning");
        assertThat(git(ws, "status", "--porcelain"))
                .as("nothing left out of the first commit")
                .isEmpty();
        assertThat(git(ws, "log", "--format=%s")).contains("Start my Python learning with sprout");

        solve(ws, HELLO, "01-week1/01-hello-input");
        runSuggestedCommit(ws, CliRun.withEnvironment(ws, git, "submit"));
        solve(ws, LISTS, "01-week1/02-lists-tuples");
        runSuggestedCommit(ws, CliRun.withEnvironment(ws, git, "submit"));

        assertThat(git(ws, "status", "--porcelain"))
                .as("nothing left uncommitted")
                .isEmpty();
        Path clone = home.resolve("clone");
        git(home, "clone", "-q", ws.toString(), clone.toString());
        for (String file : List.of(
                HELLO,
                LISTS,
                "README.md",
                ".gitignore",
                ".sprout/progress.json",
                "solutions/01-hello-input/hello.py",
                "solutions/02-lists-tuples/lists_tuples.py")) {
            assertThat(clone.resolve(file)).as(file).exists().hasSameTextualContentAs(ws.resolve(file));
        }
        assertThat(clone.resolve(".sprout/progress.json"))
                .content()
                .contains("\"hello-input\"", "\"lists-tuples\"", "\"current\": \"functions\"");
        CliRun list = CliRun.withEnvironment(clone, git, "list", "--done");
        assertThat(list.out()).contains("hello-input", "lists-tuples").doesNotContain("functions");
        CliRun check = CliRun.withEnvironment(clone, git, "submit", "lists-tuples");
        assertThat(check.exit())
                .as("the clone's code passes, as its progress says: " + check.all())
                .isZero();
    }

    @Test
    void submitCommitCommitsTheWholeWorkspace() throws Exception {
        assertThat(CliRun.withEnvironment(home, git, "init", "ws").exit()).isZero();
        Path ws = home.resolve("ws");
        Files.writeString(ws.resolve("notes.txt"), "what I learned today\n");
        solve(ws, HELLO, "01-week1/01-hello-input");

        CliRun submit = CliRun.withEnvironment(ws, git, "submit", "--commit");

        assertThat(submit.exit()).as(submit.all()).isZero();
        assertThat(submit.out()).contains("✓ Committed: \"Solve hello-input\"");
        assertThat(git(ws, "status", "--porcelain")).isEmpty();
        assertThat(git(ws, "show", "--name-only", "--format=", "HEAD"))
                .contains(HELLO, "solutions/01-hello-input/hello.py", ".sprout/progress.json", "notes.txt");
    }

    @Test
    void withoutAGitIdentityInitAndSubmitSayHowToSetOne() throws Exception {
        Map<String, String> nobody = gitConfig(home, "");

        CliRun init = CliRun.withEnvironment(home, nobody, "init", "ws");

        assertThat(init.exit()).as(init.all()).isZero();
        assertThat(init.out())
                .contains(
                        "git config --global user.name \"Your Name\"",
                        "git config --global user.email \"you@example.com\"",
                        "git add -A && git commit")
                .doesNotContain("first commit,");
        Path ws = home.resolve("ws");
        solve(ws, HELLO, "01-week1/01-hello-input");
        CliRun submit = CliRun.withEnvironment(ws, nobody, "submit", "--commit");
        assertThat(submit.exit()).as(submit.all()).isZero();
        assertThat(submit.all())
                .contains(
                        "git config --global user.name \"Your Name\"",
                        "Then save this step: git add -A && git commit -m \"Solve hello-input\"")
                .doesNotContain("Please tell me who you are", "Committed");
    }

    @Test
    void insideABiggerRepositoryTheSuggestedCommitTakesOnlyTheWorkspace() throws Exception {
        git(home, "init", "-q");
        Files.writeString(home.resolve("diary.txt"), "not for this commit\n");
        CliRun init = CliRun.withEnvironment(home, git, "init", "my ws");
        assertThat(init.out()).contains("already in a git repository");
        Path ws = home.resolve("my ws");
        solve(ws, HELLO, "01-week1/01-hello-input");

        CliRun submit = CliRun.withEnvironment(ws.resolve("exercises/01-week1"), git, "submit", "hello-input");

        assertThat(submit.out()).contains("git add -A ../.. && git commit -m \"Solve hello-input\"");
        assertThat(CliRun.withEnvironment(home, git, "submit", "-w", "my ws", "hello-input")
                        .out())
                .contains("git add -A 'my ws' && git commit -m \"Solve hello-input\"");
        run(
                ws.resolve("exercises/01-week1"),
                List.of("bash", "-c", "git add -A ../.. && git commit -q -m 'Solve hello-input'"));
        assertThat(git(home, "show", "--name-only", "--format=", "HEAD"))
                .contains("my ws/" + HELLO)
                .doesNotContain("diary.txt");
        assertThat(git(home, "status", "--porcelain"))
                .as("only files outside the workspace left")
                .contains("?? diary.txt")
                .doesNotContain("my ws");
    }

    static void solve(Path ws, String file, String graderDir) throws Exception {
        Files.copy(
                REPO.resolve("graders").resolve(graderDir).resolve("solution.py"),
                ws.resolve(file),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs the one command a pass suggests, as the learner would paste it into bash. */
    private void runSuggestedCommit(Path ws, CliRun submit) throws Exception {
        assertThat(submit.exit()).as(submit.all()).isZero();
        List<String> lines = submit.out().lines().toList();
        int at = lines.indexOf("Save this step in git (the roadmap says: commit daily):");
        assertThat(at).as(submit.out()).isNotNegative();
        String command = lines.get(at + 1).strip();
        assertThat(command).startsWith("git add -A && git commit -m ");
        run(ws, List.of("bash", "-c", command));
    }

    private String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(dir, command);
    }

    private String run(Path dir, List<String> command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(git);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ": " + output).isZero();
        return output.strip();
    }
}
