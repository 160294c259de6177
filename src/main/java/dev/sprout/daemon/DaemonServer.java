package dev.sprout.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import dev.sprout.cli.Console;
import dev.sprout.cli.Main;
import dev.sprout.process.CurrentUser;
import dev.sprout.sandbox.ProcessLaunch;

/**
 * The warm server: one per user, sprout build, folder and setting (see {@link DaemonAddress}),
 * started by {@link Client} and serving one command at a time with the same code a one-shot JVM
 * runs. It stops after {@code SPROUT_DAEMON_IDLE} seconds without a request (default 1,800), when
 * its jar changes, or when a client goes away mid-command (Ctrl-C: stopping runs the shutdown
 * hooks that kill the command's sandboxes, as in a one-shot JVM).
 */
public final class DaemonServer {

    static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    private static final long CHECK_EVERY_MS = 2_000;
    private static final Duration COLLECT_AFTER = Duration.ofSeconds(5);

    private final DaemonAddress address;
    private final String classPath;
    private final String classPathIdentity;
    private final Duration idle;
    private final String user = System.getProperty("user.name", "");

    private DaemonServer(DaemonAddress address, String classPath, Duration idle) {
        this.address = address;
        this.classPath = classPath;
        this.classPathIdentity = DaemonAddress.classPathIdentity(classPath);
        this.idle = idle;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DaemonServer FOLDER KEY (started by sprout itself)");
            System.exit(2);
        }
        ProcessLaunch.configure();
        DaemonAddress address = new DaemonAddress(Path.of(args[0]), args[1]);
        Map<String, String> environment = System.getenv();
        String classPath = System.getProperty("java.class.path", "");
        String javaCommand = Client.javaCommand();
        // started with another setting than the name promises (a race with a rebuild): serve nobody
        String key = DaemonAddress.key(environment, Path.of("").toAbsolutePath(), javaCommand, classPath);
        OptionalInt uid = CurrentUser.uid();
        if (!key.equals(address.key()) || uid.isEmpty() || !DaemonAddress.isPrivate(address.folder(), uid.getAsInt())) {
            log("not serving: this JVM's setting does not match " + address.key());
            System.exit(0);
        }
        Main.keepEnginesWarm(true);
        new DaemonServer(address, classPath, idle(environment)).serve();
        System.exit(0);
    }

    static Duration idle(Map<String, String> environment) {
        try {
            long seconds = Long.parseLong(
                    environment.getOrDefault("SPROUT_DAEMON_IDLE", "").strip());
            return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_IDLE;
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }

    private void serve() throws IOException {
        Optional<DaemonLock> taken = DaemonLock.take(address.lock(), true);
        if (taken.isEmpty()) {
            return; // another server for the same key is starting or running
        }
        try (DaemonLock lock = taken.get()) {
            Path socket = address.socket();
            Files.deleteIfExists(socket); // left by a server that was killed
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    Selector selector = Selector.open()) {
                server.bind(UnixDomainSocketAddress.of(socket));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(socket), "sprout-daemon-socket"));
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT);
                log("serving " + socket + " (pid " + ProcessHandle.current().pid() + ", idle limit " + idle.toSeconds()
                        + " s)");
                sweep();
                Instant lastUsed = Instant.now();
                boolean collected = false;
                while (true) {
                    selector.select(CHECK_EVERY_MS);
                    selector.selectedKeys().clear();
                    SocketChannel client = server.accept();
                    if (client != null) {
                        client.configureBlocking(true);
                        handle(client);
                        lastUsed = Instant.now();
                        collected = false;
                        continue;
                    }
                    if (!collected && Duration.between(lastUsed, Instant.now()).compareTo(COLLECT_AFTER) > 0) {
                        // waiting for the learner: a full collection now returns the command's
                        // garbage to the system instead of holding it for the rest of the session
                        System.gc();
                        collected = true;
                    }
                    if (Duration.between(lastUsed, Instant.now()).compareTo(idle) > 0) {
                        log("stopping: idle for " + idle.toSeconds() + " s");
                        return;
                    }
                    if (!DaemonAddress.classPathIdentity(classPath).equals(classPathIdentity)) {
                        log("stopping: sprout was rebuilt");
                        return;
                    }
                    if (!Files.exists(socket)) {
                        log("stopping: the socket was removed");
                        return;
                    }
                }
            }
        }
    }

    /** Removes what servers that are gone left in the folder; never stops this one from serving. */
    private void sweep() {
        try {
            DaemonSweep.Swept swept = DaemonSweep.DEFAULT.sweep(address.folder(), address.key(), Instant.now());
            if (!swept.removed().isEmpty()) {
                log("removed the files of servers gone and untouched for "
                        + DaemonSweep.DEFAULT.staleAfter().toHours() + " h: " + String.join(", ", swept.removed()));
            }
            swept.problems().forEach(DaemonServer::log);
        } catch (RuntimeException e) {
            log("could not remove old servers' files: " + e);
        }
    }

    /** One command: only this user's own processes are served (the folder is theirs alone already). */
    private void handle(SocketChannel client) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(user)) {
                log("refused a connection from user " + peer.user().getName());
                return;
            }
            InputStream fromClient = Channels.newInputStream(client);
            Wire.Request request = Wire.read(new DataInputStream(new BufferedInputStream(fromClient)));
            if (!request.key().equals(address.key())) {
                return; // closing unanswered makes the client run the command itself
            }
            Wire.Frames frames =
                    new Wire.Frames(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client))));
            AtomicBoolean done = new AtomicBoolean();
            watchForHangUp(client, done);
            PrintWriter out =
                    new PrintWriter(new OutputStreamWriter(frames.stream(Wire.OUT), StandardCharsets.UTF_8), true);
            PrintWriter err =
                    new PrintWriter(new OutputStreamWriter(frames.stream(Wire.ERR), StandardCharsets.UTF_8), true);
            Console console =
                    new Console(out, err, request.environment(), Path.of(request.workingDir()), request.terminal());
            long started = System.nanoTime();
            int code;
            try {
                code = Main.run(console, request.args().toArray(String[]::new));
            } catch (RuntimeException | Error failure) {
                err.println("sprout failed unexpectedly: " + failure
                        + "\nRun the command again with SPROUT_DAEMON=off, and please report this.");
                code = 3;
            }
            out.flush();
            err.flush();
            done.set(true);
            frames.exit(code);
            log("served `" + String.join(" ", request.args()) + "` in " + (System.nanoTime() - started) / 1_000_000
                    + " ms: exit " + code);
        } catch (IOException | RuntimeException e) {
            log("a request failed: " + e);
        }
    }

    /**
     * A client sends nothing after its request; reading ends only when it goes away. Gone before
     * its answer (Ctrl-C, a closed terminal): stop the whole server, which runs the same shutdown
     * hooks a one-shot JVM runs on Ctrl-C (every sandbox killed, work folders deleted); the next
     * command starts a fresh server.
     */
    private static void watchForHangUp(SocketChannel client, AtomicBoolean done) {
        // reads the channel itself: on JDK 17 a stream from Channels.newInputStream holds the
        // channel's blocking lock while it waits, and the answer's writes would wait behind it
        Thread watcher = new Thread(
                () -> {
                    ByteBuffer ignored = ByteBuffer.allocate(64);
                    try {
                        while (client.read(ignored.clear()) >= 0) {
                            // ignore: the protocol sends nothing more
                        }
                    } catch (IOException closed) {
                        // the same as end of stream
                    }
                    if (!done.get()) {
                        log("stopping: the client went away before its command ended");
                        System.exit(130);
                    }
                },
                "sprout-daemon-hangup");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void deleteQuietly(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // a stale socket is removed by the next server
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }
}
