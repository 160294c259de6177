package dev.sprout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch mode as a learner uses it: save in an editor, read the verdict, press keys. */
class WatchCommandTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String HELLO = "exercises/01-week1/01-hello-input/hello.py";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path ws;

    @Test
    void regradesOnARenameSaveSkipsUnchangedSavesAndQuitsOnQ() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        int[] exit = {-1};
        Thread watch = new Thread(() -> exit[0] = Main.run(CliRun.console(ws, out, err, input), "watch"));
        watch.start();
        try {
            waitFor(() -> out.toString(), "✗ 0/8 points");

            saveLikeVim(
                    ws.resolve(HELLO), Files.readString(REPO.resolve("graders/01-week1/01-hello-input/solution.py")));
            waitFor(() -> out.toString(), "✓ All 7 checks pass. 8/8 points");
            waitFor(() -> out.toString(), "Press n to start it.");
            assertThat(out.toString()).contains("solutions/01-hello-input/hello.py");
            int checks = count(out.toString(), "Checking ");

            // a save that changes nothing must not regrade
            Files.setLastModifiedTime(ws.resolve(HELLO), FileTime.fromMillis(System.currentTimeMillis()));
            Files.writeString(ws.resolve(HELLO), Files.readString(ws.resolve(HELLO)));
            Thread.sleep(1500);
            assertThat(count(out.toString(), "Checking ")).isEqualTo(checks);

            type(keys, "n\n");
            waitFor(() -> out.toString(), "Tuesday: lists and tuples");
            type(keys, "h\n");
            waitFor(() -> out.toString(), "Hint 1 of");
            Files.writeString(ws.resolve("exercises/01-week1/02-lists-tuples/lists_tuples.py"), "# my try\n");
            type(keys, "x\n");
            waitFor(() -> out.toString(), "Press y to reset");
            type(keys, "y\n");
            waitFor(() -> out.toString(), "Your version is saved as .sprout/backups/lists-tuples-");
            assertThat(ws.resolve("exercises/01-week1/02-lists-tuples/lists_tuples.py"))
                    .content()
                    .doesNotContain("# my try");
            type(keys, "q\n");
            watch.join(PATIENCE.toMillis());
        } finally {
            keys.close();
            watch.join(PATIENCE.toMillis());
        }
        assertThat(watch.isAlive()).isFalse();
        assertThat(exit[0]).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Stopped watching").doesNotContain("\u001b[");
        assertThat(ws.resolve(".sprout/progress.json")).content().contains("\"lists-tuples\": 1");
    }

    @Test
    void pollingFindsASaveToo() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        Thread watch = new Thread(() -> Main.run(CliRun.console(ws, out, err, input), "watch", "--poll"));
        watch.start();
        try {
            waitFor(() -> out.toString(), "✗ 0/8 points");
            Files.writeString(
                    ws.resolve(HELLO), Files.readString(REPO.resolve("graders/01-week1/01-hello-input/solution.py")));
            waitFor(() -> out.toString(), "8/8 points");
        } finally {
            keys.close();
            watch.join(PATIENCE.toMillis());
        }
        assertThat(watch.isAlive()).isFalse();
    }

    @Test
    void underARealTerminalKeysActAtOnceAndTheTerminalIsRestored() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        String session = "sprout-watch-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "cd '" + ws + "' && '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.sprout.cli.Main watch; echo WATCH-EXIT=$?; stty -a; sleep 60";
        tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "50", script);
        try {
            waitFor(() -> pane(session), "0/8 points");
            saveLikeVim(
                    ws.resolve(HELLO), Files.readString(REPO.resolve("graders/01-week1/01-hello-input/solution.py")));
            waitFor(() -> pane(session), "8/8 points");
            tmux("send-keys", "-t", session, "q");
            String after = waitFor(() -> pane(session), "WATCH-EXIT=0");
            assertThat(after).contains("Stopped watching");
            // raw mode undone: the shell after sprout has line editing and echo back
            assertThat(after).containsPattern("(?<!-)icanon").containsPattern("(?<![-a-z])echo ");
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    private static final String SLEEPS = "import time\ntime.sleep(45)\nname = input()\n";

    @Test
    void ctrlCStopsARunningCheckAtOnceRestoresTheTerminalAndExits130() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), SLEEPS);
        String session = "sprout-watch-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "cd '" + ws + "' && '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.sprout.cli.Main watch --time-limit 40 --cpu-limit 40; echo WATCH-EXIT=$?; stty -a; sleep 60";
        tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "50", script);
        try {
            waitFor(() -> pane(session), "Checking ");
            Thread.sleep(1500); // the first case is running (sleeping) now
            long pressed = System.nanoTime();
            tmux("send-keys", "-t", session, "C-c");
            String after = waitFor(() -> pane(session), "WATCH-EXIT=130");
            // the check would sleep 40 s: stopping must not wait for it (bound generous for a loaded machine)
            assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(20));
            assertThat(after)
                    .contains("Stopped watching")
                    .doesNotContain("crashed")
                    .doesNotContain("still running");
            assertThat(after).containsPattern("(?<!-)icanon").containsPattern("(?<![-a-z])echo ");
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    @Test
    void ctrlCStopsCheckingEveryExerciseAtOnce() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), SLEEPS);
        String session = "sprout-watch-all-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "cd '" + ws + "' && '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.sprout.cli.Main watch --time-limit 40 --cpu-limit 40; echo WATCH-EXIT=$?; sleep 60";
        tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "50", script);
        try {
            waitFor(() -> pane(session), "Checking ");
            tmux("send-keys", "-t", session, "c");
            waitFor(() -> pane(session), "Checking every exercise");
            Thread.sleep(1500); // the first exercise's first case is running (sleeping) now
            long pressed = System.nanoTime();
            tmux("send-keys", "-t", session, "C-c");
            String after = waitFor(() -> pane(session), "WATCH-EXIT=130");
            // checking every exercise would sleep 40 s in the first: stopping must not wait for it
            assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(20));
            assertThat(after)
                    .contains("Stopped watching")
                    .doesNotContain("hello-input  0/")
                    .doesNotContain("exercises pass");
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    @Test
    void qStopsARunningCheckAtOnceWithoutAVerdict() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), SLEEPS);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        int[] exit = {-1};
        Thread watch = new Thread(() -> exit[0] =
                Main.run(CliRun.console(ws, out, err, input), "watch", "--time-limit", "40", "--cpu-limit", "40"));
        watch.start();
        try {
            waitFor(() -> out.toString(), "Checking ");
            Thread.sleep(1500);
            long pressed = System.nanoTime();
            type(keys, "q\n");
            watch.join(Duration.ofSeconds(20).toMillis());
            assertThat(watch.isAlive()).as("watch still checking 20 s after q").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(20));
        } finally {
            keys.close();
            watch.join(PATIENCE.toMillis());
        }
        assertThat(exit[0]).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Stopped watching")
                .doesNotContain("points")
                .doesNotContain("✗ ");
    }

    @Test
    void aSaveDuringARunningCheckCancelsItAndChecksTheNewFile() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        Files.writeString(ws.resolve(HELLO), SLEEPS);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        Thread watch = new Thread(() ->
                Main.run(CliRun.console(ws, out, err, input), "watch", "--time-limit", "40", "--cpu-limit", "40"));
        watch.start();
        try {
            waitFor(() -> out.toString(), "Checking ");
            Thread.sleep(1500);
            long saved = System.nanoTime();
            saveLikeVim(
                    ws.resolve(HELLO), Files.readString(REPO.resolve("graders/01-week1/01-hello-input/solution.py")));
            waitFor(() -> out.toString(), "✓ All 7 checks pass. 8/8 points");
            // the old check would sleep 40 s per case: the new file's verdict came first
            assertThat(Duration.ofNanos(System.nanoTime() - saved)).isLessThan(Duration.ofSeconds(25));
            assertThat(out.toString()).doesNotContain("still running").doesNotContain("0/8 points");
        } finally {
            keys.close();
            watch.join(PATIENCE.toMillis());
        }
        assertThat(watch.isAlive()).isFalse();
    }

    @Test
    void aFileThatDisappearsIsReportedAsMissingAndCheckedWhenItComesBack() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        Thread watch = new Thread(() -> Main.run(CliRun.console(ws, out, err, input), "watch"));
        watch.start();
        try {
            waitFor(() -> out.toString(), "✗ 0/8 points");
            Files.delete(ws.resolve(HELLO));
            waitFor(() -> out.toString(), "Waiting for it to come back");
            assertThat(out.toString())
                    .contains("Your file " + HELLO + " is missing. Create it, or run "
                            + "`sprout reset hello-input` to get the starter back.")
                    .doesNotContain("FileNotFoundError")
                    .doesNotContain("sprout-work")
                    .doesNotContain("Fix that line");
            Files.writeString(
                    ws.resolve(HELLO), Files.readString(REPO.resolve("graders/01-week1/01-hello-input/solution.py")));
            waitFor(() -> out.toString(), "8/8 points");
        } finally {
            keys.close();
            watch.join(PATIENCE.toMillis());
        }
        assertThat(watch.isAlive()).isFalse();
    }

    @Test
    void submitAndWatchWrapAtTheTerminalsWidthBetweenWords() throws Exception {
        assertThat(CliRun.in(ws, "init", "--no-git").exit()).isZero();
        String session = "sprout-narrow-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String sprout = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.sprout.cli.Main";
        String script = "cd '" + ws + "' && unset COLUMNS && " + sprout + " submit; echo SUBMIT-EXIT=$?; " + sprout
                + " watch; echo WATCH-EXIT=$?; sleep 60";
        tmux("new-session", "-d", "-s", session, "-x", "60", "-y", "200", script);
        try {
            waitFor(() -> pane(session), "SUBMIT-EXIT=1");
            waitFor(() -> pane(session), "0/8 points");
            tmux("send-keys", "-t", session, "q");
            String screen = waitFor(() -> pane(session), "WATCH-EXIT=0");
            assertThat(screen).contains("should have a line that ends with");
            // -J joins the lines the terminal wrapped itself: none may be wider than the window
            assertThat(screen.lines().filter(line -> line.stripTrailing().length() > 60))
                    .as(screen)
                    .isEmpty();
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    /** vim's default: write a new file beside the original, then rename it over. */
    private static void saveLikeVim(Path file, String content) throws IOException {
        Path swap = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(swap, content, StandardCharsets.UTF_8);
        Files.move(swap, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void type(PipedOutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static String waitFor(Supplier<String> screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String seen = screen.get();
        while (!seen.contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "waited " + PATIENCE.toSeconds() + " s for \"" + text + "\"; the screen shows:\n" + seen);
            }
            Thread.sleep(100);
            seen = screen.get();
        }
        return seen;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String pane(String session) {
        return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session);
    }

    private static String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new AssertionError("tmux could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
