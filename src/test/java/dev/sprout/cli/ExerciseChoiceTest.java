package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.catalog.Pack;

/** Which exercise a command means when the learner does not name one, or names one wrongly. */
class ExerciseChoiceTest {

    /** How many exercises the built-in pack has (it grows as exercises are added). */
    private static final int EXERCISES =
            Pack.load(Path.of("").toAbsolutePath()).exercises().size();

    private static final String CALCULATOR_DIR = "exercises/01-week1/06-calculator";
    private static final String CALCULATOR = CALCULATOR_DIR + "/calculator.py";

    @TempDir
    Path ws;

    @BeforeEach
    void workspace() {
        CliRun init = CliRun.in(ws, "init", "--no-git");
        assertThat(init.exit()).as(init.all()).isZero();
    }

    @Test
    void insideAnExerciseFolderSubmitHintRunAndResetMeanThatExercise() throws Exception {
        Path folder = ws.resolve(CALCULATOR_DIR);

        CliRun hint = CliRun.in(folder, "hint");
        assertThat(hint.out()).contains("Hints for Saturday mini-project: a calculator");

        CliRun submit = CliRun.in(folder, "submit");
        assertThat(submit.exit()).as(submit.all()).isEqualTo(ExitCode.FAILED);
        assertThat(submit.out()).contains("calculator").doesNotContain("hello");

        CliRun run = CliRun.in(folder, "run");
        assertThat(run.out()).as(run.all()).contains("Calculator. Type q to quit.");

        Files.writeString(ws.resolve(CALCULATOR), "print('mine')\n");
        CliRun reset = CliRun.in(folder, "reset", "--yes");
        assertThat(reset.exit()).as(reset.all()).isZero();
        assertThat(ws.resolve(CALCULATOR)).content().contains("def calculate");

        assertThat(ws.resolve(".sprout/progress.json")).content().contains("\"current\": \"hello-input\"");
        assertThat(CliRun.in(ws, "hint").out())
                .as("at the root, still the current one")
                .contains("Hints for Monday: your program says hello");
    }

    @Test
    void resetWithoutANameOutsideAnExerciseFolderAsksForOne() {
        CliRun reset = CliRun.in(ws, "reset", "--yes");
        assertThat(reset.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(reset.err()).contains("sprout reset hello-input").doesNotContain("Exception");
    }

    @Test
    void aMistypedExerciseGetsADidYouMean() {
        CliRun submit = CliRun.in(ws, "submit", "calculater");
        assertThat(submit.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(submit.err()).contains("There is no exercise called 'calculater'. Did you mean `calculator`?");

        CliRun nonsense = CliRun.in(ws, "hint", "zebra-crossing");
        assertThat(nonsense.err())
                .contains("no exercise called 'zebra-crossing'")
                .doesNotContain("Did you mean");
    }

    @Test
    void solvingAnExerciseOutOfOrderLeavesYouOnTheFirstUnfinishedOneAndNextSaysSo() throws Exception {
        Files.copy(
                Path.of("graders/01-week1/06-calculator/solution.py"),
                ws.resolve(CALCULATOR),
                StandardCopyOption.REPLACE_EXISTING);

        CliRun submit = CliRun.in(ws, "submit", "calculator");

        assertThat(submit.exit()).as(submit.all()).isZero();
        assertThat(submit.out()).contains("Next up: Monday: your program says hello");
        assertThat(ws.resolve(".sprout/progress.json")).content().contains("\"current\": \"hello-input\"");
        CliRun next = CliRun.in(ws, "next");
        assertThat(next.out())
                .contains(
                        "You jumped ahead and solved calculator",
                        "back on hello-input",
                        "Edit: exercises/01-week1/01-hello-input/hello.py");
    }

    @Test
    void nextMovesACurrentThatSkippedUnfinishedWorkBackToTheFirstOne() throws Exception {
        Path progress = ws.resolve(".sprout/progress.json");
        Files.writeString(
                progress,
                "{\"current\": \"dicts-sets\", \"done\": [\"hello-input\", \"calculator\"], \"version\": 1}\n");

        CliRun next = CliRun.in(ws, "next");

        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.out())
                .contains("back on lists-tuples", "Edit: exercises/01-week1/02-lists-tuples/lists_tuples.py");
        assertThat(progress).content().contains("\"current\": \"lists-tuples\"");
        assertThat(CliRun.in(ws, "list").out()).contains("▶ current  lists-tuples");
    }

    @Test
    void anExerciseThatBreaksAfterPassingIsListedAsBrokenAndTheHistoryIsKept() throws Exception {
        String hello = "exercises/01-week1/01-hello-input/hello.py";
        Path progress = ws.resolve(".sprout/progress.json");
        Files.copy(
                Path.of("graders/01-week1/01-hello-input/solution.py"),
                ws.resolve(hello),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(CliRun.in(ws, "submit").exit()).isZero();
        Files.writeString(ws.resolve(hello), "print('oops')\n");

        assertThat(CliRun.in(ws, "submit", "hello-input").exit()).isEqualTo(ExitCode.FAILED);

        CliRun list = CliRun.in(ws, "list");
        assertThat(list.out())
                .contains(
                        "✗ broken   hello-input",
                        "passed before, fails now",
                        "0/" + EXERCISES + " done, 1 broken since passing")
                .doesNotContain("✓ done");
        assertThat(CliRun.in(ws, "list", "--done").out()).doesNotContain("hello-input");
        assertThat(CliRun.in(ws, "list", "--pending").out()).contains("hello-input");
        assertThat(CliRun.in(ws, "progress").out()).contains("Passed before, failing now: hello-input");
        assertThat(CliRun.in(ws, "progress", "--json").out()).contains("\"status\" : \"broken\"");
        assertThat(progress)
                .content()
                .contains("\"broken\": [\n    \"hello-input\"\n  ]", "\"done\": [\n    \"hello-input\"\n  ]");

        Files.copy(
                Path.of("graders/01-week1/01-hello-input/solution.py"),
                ws.resolve(hello),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(CliRun.in(ws, "submit", "hello-input").exit()).isZero();
        assertThat(CliRun.in(ws, "list").out())
                .contains("✓ done     hello-input")
                .doesNotContain("✗ broken", "broken since passing");
        assertThat(progress).content().doesNotContain("broken");
    }
}
