package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;

/**
 * A package exercise (entry: inventory/) through the real CLI, real Python and real files:
 * next names the folder and its files, submit grades the whole package and names the file a
 * problem is in, reset backs the whole folder up first, and a link out of the package is refused.
 */
class PackageExerciseCliTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String DIR = "exercises/04-month2/04-modules-packages";
    private static final Path GRADER = REPO.resolve("graders/04-month2/04-modules-packages");

    @TempDir
    Path home;

    private Path ws;
    private Path inventory;

    @BeforeEach
    void workspaceOnThePackageExercise() throws Exception {
        CliRun init = CliRun.in(home, "init", "ws");
        assertThat(init.exit()).as(init.all()).isZero();
        ws = home.resolve("ws");
        inventory = ws.resolve(DIR).resolve("inventory");
        // every exercise before this one done, so `next` lands on it
        List<String> before = Pack.load(REPO).exercises().stream()
                .map(Exercise::id)
                .takeWhile(id -> !id.equals("modules-packages"))
                .map(id -> "\"" + id + "\"")
                .toList();
        Path progress = ws.resolve(".sprout/progress.json");
        Files.writeString(
                progress,
                Files.readString(progress)
                        .replace("\"current\": \"hello-input\"", "\"current\": \"modules-packages\"")
                        .replace("\"done\": [ ]", "\"done\": [" + String.join(", ", before) + "]"));
    }

    @Test
    void nextNamesTheFolderAndItsFiles() {
        CliRun next = CliRun.in(ws, "next");

        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.out())
                .contains("Edit: " + DIR + "/inventory/")
                .contains("__init__.py, __main__.py, models.py, report.py");
    }

    @Test
    void submitGradesTheWholePackageAndNamesTheFileOfAProblem() throws Exception {
        CliRun starter = CliRun.in(ws, "submit", "modules-packages");
        assertThat(starter.exit()).as(starter.all()).isEqualTo(ExitCode.FAILED);

        Files.writeString(inventory.resolve("models.py"), "class Item(:\n    pass\n");
        CliRun broken = CliRun.in(ws, "submit", "modules-packages");
        assertThat(broken.exit()).as(broken.all()).isEqualTo(ExitCode.FAILED);
        assertThat(broken.all()).contains("inventory/models.py, line 1");

        FileUtils.copyDirectory(GRADER.resolve("bad/circular_import").toFile(), inventory.toFile());
        CliRun circular = CliRun.in(ws, "submit", "modules-packages");
        assertThat(circular.out())
                .contains("partially initialized module 'inventory.models'", "(inventory/report.py, line 3)")
                .contains("importing your package", "a circular import")
                .doesNotContain("scratch/case-", "code outside functions runs then too");

        FileUtils.copyDirectory(GRADER.resolve("solution").toFile(), inventory.toFile());
        CliRun solved = CliRun.in(ws, "submit", "modules-packages");
        assertThat(solved.exit()).as(solved.all()).isZero();
        assertThat(ws.resolve("solutions/04-modules-packages/inventory/__main__.py"))
                .as("the reference package is revealed as a folder")
                .exists();

        Files.writeString(
                inventory.resolve("report.py"), "import inventory.models\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun absolute = CliRun.in(ws, "submit", "modules-packages");
        assertThat(absolute.out()).contains("inventory/report.py, line");
    }

    @Test
    void resetBacksUpTheWholeFolderThenPutsTheStartersBack() throws Exception {
        Files.writeString(inventory.resolve("report.py"), "# my work\n");
        Files.writeString(inventory.resolve("notes.py"), "# my own module\n");

        CliRun reset = CliRun.in(ws, "reset", "modules-packages", "--yes");

        assertThat(reset.exit()).as(reset.all()).isZero();
        assertThat(reset.out()).contains(DIR + "/inventory/ is back to its starter", "Your version is saved as");
        assertThat(inventory.resolve("notes.py")).doesNotExist();
        assertThat(inventory.resolve("report.py"))
                .hasSameTextualContentAs(REPO.resolve(DIR).resolve("inventory/report.py"));
        List<Path> backups;
        try (Stream<Path> list = Files.list(ws.resolve(".sprout/backups"))) {
            backups = list.toList();
        }
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).resolve("report.py")).content().isEqualTo("# my work\n");
        assertThat(backups.get(0).resolve("notes.py")).exists();
    }

    @Test
    void gradeAnnotatesTheFileOfThePackageAndRefusesAPackageFolderLinkedFromOutside() throws Exception {
        FileUtils.copyDirectory(GRADER.resolve("bad/absolute_import").toFile(), inventory.toFile());

        CliRun graded = CliRun.in(ws, "grade", "modules-packages", "-f", "github");

        assertThat(graded.exit()).as(graded.all()).isEqualTo(ExitCode.FAILED);
        assertThat(graded.out())
                .contains("::error file=" + DIR + "/inventory/report.py,line=3,title=modules-packages%3A no absolute");

        Path elsewhere = home.resolve("elsewhere");
        FileUtils.copyDirectory(GRADER.resolve("solution").toFile(), elsewhere.toFile());
        FileUtils.deleteDirectory(inventory.toFile());
        Files.createSymbolicLink(inventory, elsewhere);
        CliRun linked = CliRun.in(ws, "grade", "modules-packages", "-f", "github");

        assertThat(linked.exit()).as(linked.all()).isEqualTo(ExitCode.FAILED);
        assertThat(linked.out()).contains("is a link to somewhere outside the graded repository");
    }

    @Test
    void runStartsThePackageWithDashMAndShowsItsTracebackByFileName() throws Exception {
        FileUtils.copyDirectory(GRADER.resolve("solution").toFile(), inventory.toFile());

        CliRun run = CliRun.in(ws, "run", "modules-packages", "report", "stock.csv");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("Items: 3", "Units: 17", "Value: 8.50", "Low stock: apple, melon");

        FileUtils.copyDirectory(GRADER.resolve("bad/import_by_file_name").toFile(), inventory.toFile());
        CliRun broken = CliRun.in(ws, "run", "modules-packages", "report", "stock.csv");

        assertThat(broken.exit()).as(broken.all()).isNotZero();
        assertThat(broken.all())
                .contains("File \"inventory/report.py\", line 3", "No module named 'models'")
                .doesNotContain("runpy", "scratch/");
    }

    @Test
    void watchChecksAgainWhenAnyFileOfThePackageIsSaved() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        Thread watch = new Thread(() -> Main.run(CliRun.console(ws, out, err, input), "watch"));
        watch.start();
        try {
            waitFor(out, "Checking " + DIR + "/inventory/…");
            waitFor(out, "/18 points");

            FileUtils.copyDirectory(GRADER.resolve("solution").toFile(), inventory.toFile());
            waitFor(out, "All 17 checks pass");
            assertThat(out.toString()).doesNotContain("inventory/models.py, line 4: SyntaxError");

            Files.writeString(inventory.resolve("models.py"), "x = 1\n\n\nclass Item(:\n    pass\n");
            waitFor(out, "inventory/models.py, line 4: SyntaxError");
            keys.write("q\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            watch.join(Duration.ofSeconds(30).toMillis());
        } finally {
            keys.close();
        }
        assertThat(watch.isAlive()).as("watch quits on q").isFalse();
    }

    private static void waitFor(StringWriter screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!screen.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited for \"" + text + "\"; the screen shows:\n" + screen);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aLinkInsideThePackageThatLeadsOutIsRefused() throws Exception {
        Path outside = Files.writeString(home.resolve("secret.py"), "TOKEN = 'not yours'\n");
        Files.createSymbolicLink(inventory.resolve("secret.py"), outside);

        CliRun submit = CliRun.in(ws, "submit", "modules-packages");

        assertThat(submit.exit()).as(submit.all()).isNotZero();
        assertThat(submit.all())
                .contains("secret.py")
                .contains("outside your exercise folder")
                .doesNotContain("not yours");
    }
}
