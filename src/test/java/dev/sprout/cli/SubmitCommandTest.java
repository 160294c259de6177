package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives `sprout submit` as a learner would, on a copy of this repository's calculator exercise. */
class SubmitCommandTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String CALCULATOR = "01-week1/06-calculator";

    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void copyPack() throws IOException {
        FileUtils.copyDirectory(
                REPO.resolve("exercises").toFile(),
                workspace.resolve("exercises").toFile());
        FileUtils.copyDirectory(
                REPO.resolve("graders").toFile(), workspace.resolve("graders").toFile());
    }

    private int sprout(String... args) {
        return sprout(Map.of(), args);
    }

    private int sprout(Map<String, String> extraEnvironment, String... args) {
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("PATH", System.getenv("PATH"));
        environment.put("HOME", System.getProperty("user.home"));
        Console console = new Console(
                new PrintWriter(out),
                new PrintWriter(err),
                environment,
                workspace.resolve("exercises").resolve(CALCULATOR),
                false);
        return Main.run(console, args);
    }

    private void learnerWrites(String source) throws IOException {
        Files.writeString(workspace.resolve("exercises").resolve(CALCULATOR).resolve("calculator.py"), source);
    }

    @Test
    void gradesTheReferenceSolutionAsAPass() throws IOException {
        learnerWrites(Files.readString(
                workspace.resolve("graders").resolve(CALCULATOR).resolve("solution.py")));

        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("✓ All done!").contains("Graded with Python");
    }

    @Test
    void aLinkLeadingOutOfTheExerciseFolderIsTheLearnersToFixNotAnInternalError() throws IOException {
        Path outside = Files.writeString(workspace.resolve("secret.txt"), "not yours");
        Files.createSymbolicLink(
                workspace.resolve("exercises").resolve(CALCULATOR).resolve("notes.txt"), outside);

        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("notes.txt").contains("link").doesNotContain("unexpectedly");
    }

    @Test
    void showsADiffAndExitsOneForAWrongProgram() throws IOException {
        learnerWrites(Files.readString(
                        workspace.resolve("graders").resolve(CALCULATOR).resolve("solution.py"))
                .replace("return a + b", "return a - b"));

        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString())
                .contains("✗ adds two numbers")
                .contains("calculate(2, '+', 3) should return 5, but it returned -1")
                .contains("expected: 5");
    }

    @Test
    void reportsASyntaxErrorOnceWithLineAndCaret() throws IOException {
        learnerWrites("def calculate(a, op, b):\n    if op == '+'\n        return a + b\n");

        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString())
                .contains("Python cannot read calculator.py, line 2: SyntaxError")
                .contains("^")
                .doesNotContain("✓");
    }

    @Test
    void namesFileAndLineOfABrokenSpecAndExitsTwo() throws IOException {
        Path spec = workspace.resolve("graders").resolve(CALCULATOR).resolve("grader.yaml");
        Files.writeString(spec, Files.readString(spec).replaceFirst("entry:", "entry: [\nbroken"));

        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString())
                .contains("Broken grader spec")
                .contains(spec.toString() + ":")
                .doesNotContain("at dev.sprout");
    }

    @Test
    void writesExercismResultsJsonWithScore() throws IOException {
        assertThat(sprout("submit", "calculator", "--format", "json", "--output", "results.json"))
                .isEqualTo(ExitCode.FAILED);

        JsonNode results = JsonMapper.builder()
                .build()
                .readTree(workspace
                        .resolve("exercises")
                        .resolve(CALCULATOR)
                        .resolve("results.json")
                        .toFile());
        assertThat(results.path("version").asInt()).isEqualTo(3);
        assertThat(results.path("status").asString()).isEqualTo("fail");
        assertThat(results.path("max_score").asInt()).isPositive();
        JsonNode first = results.path("tests").get(0);
        assertThat(first.path("name").asString()).isEqualTo("adds two numbers");
        assertThat(first.path("status").asString()).isEqualTo("fail");
        assertThat(first.path("task_id").asInt()).isEqualTo(1);
        assertThat(first.path("test_code").asString()).contains("call: calculate");
    }

    @Test
    void writesJUnitXmlThroughThePlatformReporter() {
        assertThat(sprout("submit", "calculator", "--format", "junit")).isEqualTo(ExitCode.FAILED);

        assertThat(out.toString())
                .startsWith("<?xml")
                .contains("<testsuite")
                .contains("adds two numbers")
                .contains("<failure");
    }

    @Test
    void aBareExceptAroundInputThatLoopsAtEndOfInputIsToldTheAnswersRanOut() throws IOException {
        Path graders = Files.createDirectories(workspace.resolve("graders/09-extra/01-adding"));
        Files.writeString(graders.resolve("grader.yaml"), """
                version: 1
                entry: adding.py
                limits: {cpu: 1, wall: 2}
                tasks:
                  - name: Adding
                    cases:
                      - name: adds what it reads
                        run: {stdin: "1\n2\n"}
                        expect: {stdout: {numbers_include: [3]}}
                """);
        Path learner = Files.createDirectories(workspace.resolve("exercises/09-extra/01-adding"));
        Files.writeString(learner.resolve("adding.py"), """
                total = 0
                while True:
                    try:
                        x = input()
                        total += float(x)
                        print(total)
                    except:
                        pass
                """);

        assertThat(sprout("submit", "adding")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("Your program kept running after the checker's answers ran out: every input() after that "
                        + "raised EOFError.")
                .contains("A bare `except:` (or `except Exception:`) around input() catches it and loops forever");
    }

    @Test
    void showsAUnifiedDiffWithVisibleWhitespaceForWrongOutput() throws IOException {
        Path graders = Files.createDirectories(workspace.resolve("graders/09-extra/01-shout"));
        Files.writeString(graders.resolve("grader.yaml"), """
                version: 1
                entry: shout.py
                tasks:
                  - name: Shouting
                    cases:
                      - name: shouts twice
                        run: {stdin: "hi\\n"}
                        expect: {stdout: {exact: "HI\\nHI\\n"}}
                """);
        Path learner = Files.createDirectories(workspace.resolve("exercises/09-extra/01-shout"));
        Files.writeString(learner.resolve("shout.py"), "word = input()\nprint(word.upper() + ' ')\nprint(word)\n");

        assertThat(sprout("submit", "shout")).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString()).contains("--- expected", "+++ your output").contains("-HI\n", "+HI·\n", "+hi\n");
    }

    @Test
    void showsAProgramsTracebackOnceWithOnlyTheLearnersLines() throws IOException {
        Path graders = Files.createDirectories(workspace.resolve("graders/09-extra/01-age"));
        Files.writeString(graders.resolve("grader.yaml"), """
                version: 1
                entry: age.py
                tasks:
                  - name: Age
                    cases:
                      - name: next year
                        run: {stdin: "30\\n"}
                        expect: {stdout: "31"}
                """);
        Path learner = Files.createDirectories(workspace.resolve("exercises/09-extra/01-age"));
        Files.writeString(learner.resolve("age.py"), "age = input()\nprint(age + 1)\n");

        assertThat(sprout("submit", "age")).isEqualTo(ExitCode.FAILED);
        String report = out.toString();
        assertThat(report).contains("✗ next year [error]", "TypeError", "age.py, line 2", "convert it with int()");
        assertThat(report.split("Traceback \\(most recent call last\\)", -1)).hasSize(2);
        assertThat(report).doesNotContain("harness.py");
    }

    @Test
    void aLoopThatNeverEndsIsStoppedAtTheTimeLimitGivenOnTheCommandLine() throws IOException {
        learnerWrites("def calculate(a, op, b):\n    while a > 0:\n        b = b + 1\n");

        assertThat(sprout("submit", "calculator", "--time-limit", "1", "--cpu-limit", "5"))
                .isEqualTo(ExitCode.FAILED);

        // busy, so it reads as a busy loop whichever limit fired first (here the wall time)
        assertThat(out.toString())
                .contains("✗ adds two numbers [cpu-limit]")
                .contains("Your code was still running when its time ran out, busy computing the whole time")
                // the sample lands on the loop's condition or its body
                .containsPattern("It was busy on line [23] of calculator\\.py");
    }

    @Test
    void refusesANonsenseLimit() {
        assertThat(sprout("submit", "calculator", "--time-limit", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("A time limit must be more than 0");
    }

    @Test
    void everyCommandHasHelpThatListsTheExitCodes() {
        for (String command : new String[] {
            "submit", "grade", "init", "next", "list", "hint", "reset", "run", "progress", "watch", "doctor"
        }) {
            out.getBuffer().setLength(0);
            assertThat(sprout(command, "--help")).as(command + " --help").isZero();
            assertThat(out.toString()).as(command + " --help").contains("Usage: sprout " + command, "Exit codes:");
        }
    }

    @Test
    void readsTheEngineAndPythonFromTheWorkspacesSproutYaml() throws IOException {
        Files.writeString(workspace.resolve("sprout.yaml"), "python: /nonexistent/python3\n");
        assertThat(sprout("submit", "calculator", "--engine", "cpython")).isNotZero();
        assertThat(err.toString()).contains("/nonexistent/python3");

        Files.writeString(workspace.resolve("sprout.yaml"), "engine: cobol\n");
        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown engine 'cobol'");

        Files.writeString(workspace.resolve("sprout.yaml"), "engin: cpython\n");
        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("sprout.yaml: unknown setting 'engin'");
    }

    @Test
    void warnsReviewersInGitHubActionsWhenTheSandboxIsWeak() throws IOException {
        learnerWrites(Files.readString(
                workspace.resolve("graders").resolve(CALCULATOR).resolve("solution.py")));

        sprout(
                Map.of("GITHUB_ACTIONS", "true"),
                "submit",
                "calculator",
                "--sandbox",
                "none",
                "--python",
                "/usr/bin/python3");
        assertThat(err.toString()).contains("::warning title=sprout sandbox::Learner code runs in sandbox tier C");

        err.getBuffer().setLength(0);
        sprout(Map.of("GITHUB_ACTIONS", "true"), "submit", "calculator");
        assertThat(err.toString()).doesNotContain("::warning");
    }

    @Test
    void explainsThatTopLevelCodeRunsWhenTheCheckerImportsTheFile() throws IOException {
        learnerWrites("def calculate(a, op, b):\n    return a + b\n\nwhile True:\n    a = input('Number? ')\n");

        assertThat(sprout("submit", "calculator")).isEqualTo(ExitCode.FAILED);

        assertThat(out.toString())
                .contains("✗ adds two numbers [error]", "EOFError", "code outside functions runs", "\"__main__\":")
                .doesNotContain("more input than the test typed");
    }

    @Test
    void explainsAnUnknownExercise() {
        assertThat(sprout("submit", "calculater")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("There is no exercise called 'calculater'");
    }
}
