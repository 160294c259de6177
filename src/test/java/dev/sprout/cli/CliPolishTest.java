package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small things a beginner meets first: typos, help footers, doctor's lines, init's cd line, Tab. */
class CliPolishTest {

    @TempDir
    Path home;

    @Test
    void aMistypedCommandGetsPicocliSuggestion() {
        CliRun run = CliRun.in(home, "submti");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Did you mean", "submit").doesNotContain("Exception");
    }

    @Test
    void commandsThatCheckNoCodeDoNotPromisePassOrFailExitCodes() {
        for (String command : List.of("init", "next", "list", "doctor", "hint", "reset", "progress", "completion")) {
            CliRun help = CliRun.in(home, command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out())
                    .as(command)
                    .contains("Exit codes:")
                    .doesNotContain("all checks passed", "some check failed");
        }
        assertThat(CliRun.in(home, "submit", "--help").out()).contains("0  all checks passed", "1  some check failed");
        assertThat(CliRun.in(home, "doctor", "--help").out()).contains("something is missing");
    }

    @Test
    void doctorLabelsTheSandboxOnce() {
        CliRun doctor = CliRun.in(home, "doctor");
        assertThat(doctor.out()).contains("Sandbox: tier ").doesNotContainIgnoringCase("sandbox: sandbox");
    }

    @Test
    void initPrintsACdLineThatPastesWithSpacesInThePath() {
        CliRun init = CliRun.in(home, "init", "my python", "--no-git");
        assertThat(init.exit()).as(init.all()).isZero();
        assertThat(init.out()).contains("  cd 'my python'\n");
        assertThat(home.resolve("my python/.sprout/progress.json")).exists();
    }

    @Test
    void bashCompletionCompletesCommands() throws Exception {
        CliRun completion = CliRun.in(home, "completion", "bash");
        assertThat(completion.exit()).as(completion.all()).isZero();
        Path script = Files.writeString(home.resolve("sprout.bash"), completion.out());

        String words = bash("source " + script + "; COMP_WORDS=(sprout su); COMP_CWORD=1; COMP_LINE='sprout su';"
                + " COMP_POINT=${#COMP_LINE}; _picocli_sprout; echo \"${COMPREPLY[@]}\"");

        assertThat(words.split("\\s+")).contains("submit").doesNotContain("init");
        assertThat(CliRun.in(home, "completion", "zsh").out()).contains("bashcompinit");
    }

    @Test
    void fishCompletionNamesEveryCommandAndItsOptions() {
        CliRun completion = CliRun.in(home, "completion", "fish");
        assertThat(completion.exit()).as(completion.all()).isZero();
        assertThat(completion.out())
                .contains(
                        "complete -c sprout -n 'not __fish_seen_subcommand_from ", "-a submit -d 'Check your solution")
                .contains("complete -c sprout -n '__fish_seen_subcommand_from submit' -l commit")
                .contains("complete -c sprout -n '__fish_seen_subcommand_from init' -l action-repo -r");
        assertThat(CliRun.in(home, "completion", "tcsh").exit()).isEqualTo(ExitCode.USAGE);
    }

    private static String bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }
}
