package dev.sprout.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.cli.Console;
import dev.sprout.cli.Main;
import dev.sprout.process.CurrentUser;

/**
 * The warm server with real processes: a client JVM, a server it starts in the background, a
 * workspace made by {@code sprout init}, real submissions in bwrap. Each test gets its own socket
 * folder (XDG_RUNTIME_DIR) and a short idle limit, and stops its server at the end.
 */
class DaemonServerTest {

    private static final Path FUNCTIONS = Path.of("graders/01-week1/03-functions/solution.py");

    @TempDir
    Path temp;

    private Path workspace;
    private Path runtime;
    private Path extraEntry;
    private final List<ProcessHandle> servers = new ArrayList<>();

    @BeforeEach
    void workspace() throws IOException {
        runtime = Files.createDirectory(
                temp.resolve("runtime"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // a class path entry of this test's own: "rebuilding" it must retire the server
        extraEntry = Files.createDirectory(temp.resolve("extra-classes"));
        StringWriter out = new StringWriter();
        int code = Main.run(
                new Console(new PrintWriter(out, true), new PrintWriter(out, true), System.getenv(), temp, false),
                "init",
                "ws",
                "--no-git");
        assertThat(code).as(out.toString()).isZero();
        workspace = temp.resolve("ws");
    }

    @AfterEach
    void stopServers() throws Exception {
        try (var sockets = Files.list(runtime.resolve("sprout"))) {
            sockets.filter(p -> p.toString().endsWith(".log")).forEach(log -> {
                try {
                    System.out.println(log.getFileName() + ":\n" + Files.readString(log));
                } catch (IOException e) {
                    // only for the test report
                }
            });
        } catch (IOException none) {
            // no server was started
        }
        for (ProcessHandle server : servers) {
            server.destroy();
            server.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstCallRunsInProcessAndLeavesAServerThatAnswersTheNext() throws Exception {
        Run first = client(environment(), "next");
        assertThat(first.exit()).as(first.all()).isEqualTo(Client.RUN_HERE);
        assertThat(first.all()).isEmpty();
        awaitServer();
        // ProcessHandle.Info leaves out a command line as long as a test's class path
        String commandLine = Files.readString(Path.of("/proc/" + servers.get(0).pid() + "/cmdline"));
        assertThat(List.of(commandLine.split("\0")))
                .as("a long-lived JVM gives back what it frees")
                .containsAll(Client.SERVER_HEAP)
                .contains("-Xmx256m");

        Run next = client(environment(), "next");
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.out()).isEqualTo(inProcess("next").out()).contains("Monday");

        Run starter = client(environment(), "submit", "functions");
        assertThat(starter.exit()).as(starter.all()).isEqualTo(1);

        Files.copy(
                FUNCTIONS,
                workspace.resolve("exercises/01-week1/03-functions/functions.py"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run solved = client(environment(), "submit", "functions");
        assertThat(solved.exit()).as(solved.all()).isZero();
        assertThat(solved.all()).contains("20 of 20 checks passed");
        // what the server wrote is what a one-shot JVM writes (progress recorded once by each)
        Run bad = client(environment(), "submit", "no-such-exercise");
        assertThat(bad.exit())
                .isEqualTo(inProcess("submit", "no-such-exercise").exit())
                .isEqualTo(2);
        assertThat(bad.err()).isEqualTo(inProcess("submit", "no-such-exercise").err());
        await(() -> logSays("served `submit no-such-exercise`"), Duration.ofSeconds(10));
        assertThat(log()).contains("served `next`", "served `submit functions`");
    }

    @Test
    void anotherFolderOrSettingIsAnotherServer() throws Exception {
        Map<String, String> environment = environment();
        String here = DaemonAddress.key(environment, workspace, Client.javaCommand(), classPath());
        assertThat(DaemonAddress.key(environment, workspace.resolve("exercises"), Client.javaCommand(), classPath()))
                .isNotEqualTo(here);
        Map<String, String> otherPython = new HashMap<>(environment);
        otherPython.put("SPROUT_PYTHON", "/usr/bin/python3");
        assertThat(DaemonAddress.key(otherPython, workspace, Client.javaCommand(), classPath()))
                .isNotEqualTo(here);
        Map<String, String> otherTerminal = new HashMap<>(environment);
        otherTerminal.put("TERM", "dumb");
        otherTerminal.put("COLUMNS", "40");
        assertThat(DaemonAddress.key(otherTerminal, workspace, Client.javaCommand(), classPath()))
                .as("terminal variables travel with each request instead")
                .isEqualTo(here);
    }

    @Test
    void aRebuiltSproutRetiresTheServerAndIsNeverAskedByIt() throws Exception {
        client(environment(), "next");
        Path socket = awaitServer();
        String before = DaemonAddress.key(environment(), workspace, Client.javaCommand(), classPath());
        Files.setLastModifiedTime(extraEntry, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(DaemonAddress.key(environment(), workspace, Client.javaCommand(), classPath()))
                .isNotEqualTo(before);
        await(() -> !Files.exists(socket), Duration.ofSeconds(15));
        assertThat(log()).contains("stopping: sprout was rebuilt");
        // the client of the rebuilt sprout finds no server of its own: it runs the command itself
        assertThat(client(environment(), "next").exit()).isEqualTo(Client.RUN_HERE);
    }

    @Test
    void anIdleServerStops() throws Exception {
        Map<String, String> environment = environment();
        environment.put("SPROUT_DAEMON_IDLE", "2");
        client(environment, "next");
        Path socket = awaitServer();
        List<ProcessHandle> running = List.copyOf(servers);
        await(() -> !Files.exists(socket), Duration.ofSeconds(20));
        for (ProcessHandle server : running) {
            server.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(log()).contains("stopping: idle for 2 s");
    }

    @Test
    void aClientThatGoesAwayMidSubmitStopsTheServerAndItsSandbox() throws Exception {
        client(environment(), "next");
        awaitServer();
        String marker = "sprout_hangup_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        // bounded: sleeps 60 s at most, and the case's own time limit ends it sooner
        Files.writeString(
                workspace.resolve("exercises/01-week1/03-functions/functions.py"),
                "import time\n" + marker + " = 1\ntime.sleep(60)\n");
        Process submit = start(environment(), "submit", "functions");
        ProcessHandle server = servers.get(0);
        await(
                () -> server.descendants()
                        .anyMatch(p -> p.info().command().orElse("").contains("bwrap")),
                Duration.ofSeconds(20));
        List<ProcessHandle> sandbox = server.descendants().toList();
        submit.destroy(); // SIGTERM, as the terminal's Ctrl-C ends the client JVM
        assertThat(submit.waitFor(10, TimeUnit.SECONDS)).isTrue();
        server.onExit().get(20, TimeUnit.SECONDS);
        await(() -> sandbox.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(10));
        assertThat(log()).contains("the client went away");
    }

    @Test
    void aReaderThatStopsEarlyIsNotAHangUp() throws Exception {
        client(environment(), "next");
        awaitServer();
        ProcessHandle server = servers.get(0);
        // `sprout list | head -1`: the client's output pipe is closed before the answer comes
        Process list = start(environment(), "list");
        list.getOutputStream().close();
        list.getInputStream().close();
        var err = readAll(list.getErrorStream());
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as(err.get(10, TimeUnit.SECONDS)).isZero();
        // the server logs a command after its answer
        await(() -> logSays("served `list`"), Duration.ofSeconds(10));
        assertThat(server.isAlive()).isTrue();
        assertThat(log()).doesNotContain("went away");
        assertThat(client(environment(), "next").exit())
                .as("the same server answers on")
                .isZero();
    }

    @Test
    void aStartingServerRemovesWhatServersGoneForADayLeft() throws Exception {
        Path folder = Files.createDirectory(
                runtime.resolve("sprout"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // six keys (older builds, other folders) last used 2 to 7 days ago: the five last used stay
        List<Path> logs = new ArrayList<>();
        for (int day = 2; day <= 7; day++) {
            String key = String.format("%016x", day);
            FileTime then = FileTime.from(Instant.now().minus(Duration.ofDays(day)));
            Files.setLastModifiedTime(Files.createFile(folder.resolve(key + ".lock")), then);
            logs.add(Files.setLastModifiedTime(Files.writeString(folder.resolve(key + ".log"), "old\n"), then));
        }
        client(environment(), "next");
        awaitServer();
        await(() -> logSays("removed the files of servers gone"), Duration.ofSeconds(10));
        assertThat(logs.subList(0, 5)).allSatisfy(log -> assertThat(log).isRegularFile());
        assertThat(logs.get(5)).doesNotExist();
        assertThat(folder.resolve(String.format("%016x", 7) + ".lock")).doesNotExist();
        assertThat(client(environment(), "next").exit()).as("and serves").isZero();
    }

    @Test
    void aSocketFolderOthersMayEnterIsRefused() throws Exception {
        int uid = CurrentUser.uid().orElseThrow();
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(DaemonAddress.isPrivate(open, uid)).isFalse();
        Path mine = Files.createDirectory(temp.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));
        assertThat(DaemonAddress.isPrivate(mine, uid)).isTrue();
        Path link = Files.createSymbolicLink(temp.resolve("link"), mine);
        assertThat(DaemonAddress.isPrivate(link, uid))
                .as("a link to a private folder")
                .isFalse();
        assertThat(DaemonAddress.isPrivate(mine, uid + 1))
                .as("someone else's folder")
                .isFalse();
        Map<String, String> environment = environment();
        environment.put("XDG_RUNTIME_DIR", open.toString());
        Files.createDirectory(
                open.resolve("sprout"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(open.resolve("sprout"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(DaemonAddress.privateFolder(environment)).isEmpty();
        Run refused = client(environment, "next");
        assertThat(refused.exit()).isEqualTo(Client.RUN_HERE);
        try (var entries = Files.list(open.resolve("sprout"))) {
            assertThat(entries).as("no server in a folder others may enter").isEmpty();
        }
    }

    @Test
    void anotherUserCannotReachTheServer() throws Exception {
        assumeTrue(CurrentUser.uidOrUnknown() == 0, "needs root to act as another user");
        client(environment(), "next");
        Path socket = awaitServer();
        Process other = new ProcessBuilder(
                        "setpriv",
                        "--reuid=1001",
                        "--regid=1001",
                        "--clear-groups",
                        "/usr/bin/python3",
                        "-c",
                        "import socket,sys\ns=socket.socket(socket.AF_UNIX)\n"
                                + "try:\n s.connect(sys.argv[1]); print('connected')\n"
                                + "except OSError as e: print(type(e).__name__)\n",
                        socket.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(said).isEqualTo("PermissionError");
    }

    @Test
    void aRequestOfAnotherProtocolOrSizeIsRefused() {
        byte[] wrongMagic = {0, 0, 0, 1, 0, 0, 0, 1};
        org.assertj.core.api.Assertions.assertThatIOException()
                .isThrownBy(() -> Wire.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(wrongMagic))));
        java.io.ByteArrayOutputStream huge = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(huge)) {
            out.writeInt(Wire.MAGIC);
            out.writeInt(DaemonAddress.PROTOCOL);
            out.writeInt(Integer.MAX_VALUE); // a key "2 GB long"
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        org.assertj.core.api.Assertions.assertThatIOException()
                .isThrownBy(() ->
                        Wire.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(huge.toByteArray()))))
                .withMessageContaining("bytes");
    }

    // --- helpers

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("CI");
        environment.remove("SPROUT_DAEMON");
        environment.put("XDG_RUNTIME_DIR", runtime.toString());
        environment.put("SPROUT_DAEMON_IDLE", "120");
        return environment;
    }

    private String classPath() {
        return System.getProperty("java.class.path") + java.io.File.pathSeparator + extraEntry;
    }

    private Process start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Client.javaCommand(), "-XX:+UseSerialGC", "-cp", classPath(), Client.class.getName()));
        List<String> serverOptions = List.of("-XX:+UseSerialGC", "-Xmx256m");
        command.add(String.valueOf(serverOptions.size()));
        command.addAll(serverOptions);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs a client to its end; bounded: a client that hangs is killed and the test fails. */
    private Run client(Map<String, String> environment, String... args) throws Exception {
        Process process = start(environment, args);
        process.getOutputStream().close();
        var out = readAll(process.getInputStream());
        var err = readAll(process.getErrorStream());
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(ended).as("the client ended within 60 s").isTrue();
        return new Run(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static java.util.concurrent.CompletableFuture<String> readAll(java.io.InputStream stream) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    private Run inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = environment();
        int code = Main.run(
                new Console(new PrintWriter(out, true), new PrintWriter(err, true), environment, workspace, false),
                args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The socket of the one server this test started, once it listens; remembers its process. */
    private Path awaitServer() throws Exception {
        Path folder = runtime.resolve("sprout");
        // the socket is bound a moment before the server says its pid
        await(() -> socketIn(folder).isPresent() && serverPid().isPresent(), Duration.ofSeconds(30));
        Path socket = socketIn(folder).orElseThrow();
        String pid = serverPid().orElseThrow();
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(servers::add);
        return socket;
    }

    private boolean logSays(String text) {
        try {
            return log().contains(text);
        } catch (IOException notYet) {
            return false;
        }
    }

    private Optional<String> serverPid() {
        try {
            java.util.regex.Matcher said =
                    java.util.regex.Pattern.compile("\\(pid (\\d+),").matcher(log());
            return said.find() ? Optional.of(said.group(1)) : Optional.empty();
        } catch (IOException notYet) {
            return Optional.empty();
        }
    }

    private static Optional<Path> socketIn(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.filter(p -> p.toString().endsWith(".sock")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String log() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var entries = Files.list(runtime.resolve("sprout"))) {
            for (Path log : entries.filter(p -> p.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }

    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", limit).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
