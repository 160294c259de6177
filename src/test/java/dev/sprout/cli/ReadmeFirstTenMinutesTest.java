package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Your first ten minutes" quotes sprout's output: the quoted lines must be what sprout prints. */
class ReadmeFirstTenMinutesTest {

    @TempDir
    Path home;

    @Test
    void theLinesTheReadmeQuotesAreWhatSproutPrints() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section =
                readme.substring(readme.indexOf("## Your first ten minutes"), readme.indexOf("## Which Python"));
        Map<String, String> git = LearnerGitTest.gitConfig(home, "[user]\n\tname = Ana\n\temail = ana@example.com\n");

        StringBuilder printed = new StringBuilder();
        CliRun init = CliRun.withEnvironment(home, git, "init", "python-learning");
        printed.append(init.out());
        Path ws = home.resolve("python-learning");
        printed.append(CliRun.withEnvironment(ws, git, "next").out());
        printed.append(CliRun.withEnvironment(ws, git, "submit").out());
        LearnerGitTest.solve(ws, LearnerGitTest.HELLO, "01-week1/01-hello-input");
        printed.append(CliRun.withEnvironment(ws, git, "submit").out());

        List<String> quoted = section.lines()
                .filter(l -> l.startsWith("✓ Made")
                        || l.startsWith("  No GitHub")
                        || l.startsWith("Edit: ")
                        || l.startsWith("Progress: ")
                        || l.startsWith("Stuck? ")
                        || l.startsWith("Compare with")
                        || l.startsWith("Save this step")
                        || l.startsWith("  git add")
                        || l.startsWith("Next up: "))
                .toList();
        assertThat(quoted).hasSizeGreaterThanOrEqualTo(9);
        for (String line : quoted) {
            String shown = line.endsWith(" …") ? line.substring(0, line.length() - 2) : line;
            shown = shown.replace("/home/ana/python-learning", ws.toString());
            assertThat(printed.toString()).as("README line").contains(shown);
        }
    }
}
