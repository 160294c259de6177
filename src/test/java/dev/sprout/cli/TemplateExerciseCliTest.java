package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-file Flask exercise whose pages live in templates/ (flask-templates), through the real
 * CLI, real Python and real files: a template the learner added is graded with their code, and the
 * reference, a folder, is revealed with its templates.
 */
class TemplateExerciseCliTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String DIR = "exercises/07-month5/02-flask-templates";
    private static final Path GRADER = REPO.resolve("graders/07-month5/02-flask-templates");

    @TempDir
    Path home;

    @Test
    void aTemplateTheLearnerAddedIsGradedAndTheReferenceFolderIsRevealed() throws Exception {
        CliRun init = CliRun.in(home, "init", "ws");
        assertThat(init.exit()).as(init.all()).isZero();
        Path ws = home.resolve("ws");
        Path exercise = ws.resolve(DIR);
        FileUtils.copyDirectory(GRADER.resolve("solution").toFile(), exercise.toFile());
        // the list's rows move to a partial the starter does not have: it must reach the sandbox
        Path books = exercise.resolve("templates/books.html");
        String list = Files.readString(books);
        int start = list.indexOf("<li class=\"book\">");
        int end = list.indexOf("</li>", start) + "</li>".length();
        Files.writeString(
                exercise.resolve("templates/_row.html"),
                list.substring(start, end).replace("loop.index", "number"));
        Files.writeString(
                books,
                list.substring(0, start) + "{% set number = loop.index %}{% include \"_row.html\" %}"
                        + list.substring(end));

        CliRun submit = CliRun.in(ws, "submit", "flask-templates");

        assertThat(submit.exit()).as(submit.all()).isZero();
        assertThat(submit.out()).contains("solutions/02-flask-templates");
        assertThat(ws.resolve("solutions/02-flask-templates/shelf.py")).exists();
        assertThat(ws.resolve("solutions/02-flask-templates/templates/base.html"))
                .as("the reference's templates are revealed beside its file")
                .exists();
    }
}
