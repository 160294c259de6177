package dev.sprout.daemon;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The thin client the launcher runs for a command a server may take (it decides which: short
 * commands that need no keyboard). Connects to this user's server for the same sprout build,
 * folder and setting and relays its answer; a JVM that has loaded and compiled everything
 * already answers in a fraction of a cold start. When none runs, it starts one in the background
 * for next time and exits with {@link #RUN_HERE}, and the launcher runs the command in a one-shot
 * JVM as before. Only JDK classes load here, and no lambdas: each would cost start-up time.
 *
 * <p>Arguments: the number N of JVM options a server should start with, those N options, then
 * sprout's own arguments.
 */
public final class Client {

    /** "Run the command yourself": no server took it. sprout's own exit codes are 0-3 and 130. */
    public static final int RUN_HERE = 75;

    /** Added after the one-shot JVM's options (a later option wins). */
    static final List<String> SERVER_HEAP = List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=40");

    private Client() {}

    public static void main(String[] argv) {
        int count = Integer.parseInt(argv[0]);
        List<String> serverOptions = List.of(Arrays.copyOfRange(argv, 1, 1 + count));
        String[] args = Arrays.copyOfRange(argv, 1 + count, argv.length);
        OptionalInt answered = forward(args, System.getenv(), serverOptions);
        System.exit(answered.orElse(RUN_HERE));
    }

    /** The java this JVM runs on: what the key names and what a server is started with. */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The exit code of {@code args} run by a server; empty when they should run in-process (no
     * server running, or it went away before saying anything).
     */
    static OptionalInt forward(String[] args, Map<String, String> environment, List<String> serverOptions) {
        Path workingDir = Path.of("").toAbsolutePath();
        String classPath = System.getProperty("java.class.path", "");
        Optional<DaemonAddress> address = DaemonAddress.of(environment, workingDir, javaCommand(), classPath);
        if (address.isEmpty()) {
            return OptionalInt.empty();
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(address.get().socket()));
        } catch (IOException | RuntimeException none) {
            start(address.get(), serverOptions, classPath, workingDir);
            return OptionalInt.empty();
        }
        try (channel) {
            return relay(
                    channel,
                    new Wire.Request(
                            address.get().key(),
                            workingDir.toString(),
                            List.of(args),
                            withColumns(environment),
                            isTerminal()));
        } catch (IOException | RuntimeException lost) {
            return OptionalInt.empty();
        }
    }

    private static boolean isTerminal() {
        return System.console() != null;
    }

    /**
     * The server has no terminal to measure: on a terminal without COLUMNS, ask stty for the
     * width here (what the console would learn in-process).
     */
    private static Map<String, String> withColumns(Map<String, String> environment) {
        if (!isTerminal() || environment.containsKey("COLUMNS")) {
            return environment;
        }
        Map<String, String> with = new HashMap<>(environment);
        try {
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .strip()
                    .split("\\s+");
            if (stty.waitFor(1, TimeUnit.SECONDS) && size.length == 2 && Integer.parseInt(size[1]) > 0) {
                with.put("COLUMNS", size[1]);
            }
        } catch (IOException | RuntimeException e) {
            // the server wraps at no width, as in-process sprout does when the width is unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return with;
    }

    /**
     * Sends the request and copies the answer to this process's streams. Empty when the server
     * went away before saying anything (the command then runs here instead); once something was
     * shown, a lost server is reported, never answered by running the command a second time.
     */
    private static OptionalInt relay(SocketChannel channel, Wire.Request request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.write(new DataOutputStream(bytes), request);
        OutputStream toServer = Channels.newOutputStream(channel);
        toServer.write(bytes.toByteArray());
        toServer.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        // a reader that closed its end (`sprout list | head -1`) is not a hang-up: like a one-shot
        // JVM, stop writing there and let the command run to its end and exit code
        boolean outOpen = true;
        boolean errOpen = true;
        boolean said = false;
        while (true) {
            int kind = -1;
            byte[] chunk = null; // stays null when the server went away
            try {
                kind = in.read();
                if (kind == Wire.EXIT) {
                    return OptionalInt.of(in.readInt());
                }
                if (kind >= 0) {
                    chunk = in.readNBytes(in.readInt());
                }
            } catch (IOException | RuntimeException lost) {
                // chunk stays null: the server went away
            }
            if (chunk == null) {
                if (!said) {
                    return OptionalInt.empty(); // nothing shown yet: run it here instead
                }
                if (errOpen) {
                    try {
                        err.write(("\nsprout's background server stopped before the command ended. Run it again;"
                                        + " SPROUT_DAEMON=off runs every command without it.\n")
                                .getBytes(StandardCharsets.UTF_8));
                    } catch (IOException closedByReader) {
                        // nobody to tell; the exit code says it
                    }
                }
                return OptionalInt.of(3);
            }
            said = true;
            try {
                if (kind == Wire.ERR && errOpen) {
                    err.write(chunk);
                } else if (kind != Wire.ERR && outOpen) {
                    out.write(chunk);
                }
            } catch (IOException closedByReader) {
                if (kind == Wire.ERR) {
                    errOpen = false;
                } else {
                    outOpen = false;
                }
            }
        }
    }

    /**
     * Starts a server for {@code address} in a session of its own (setsid: the terminal's Ctrl-C
     * and hang-up do not reach it), with the launcher's one-shot JVM options, this folder and
     * environment. Best effort:
     * without setsid there is no server and every command runs in-process.
     */
    static void start(DaemonAddress address, List<String> serverOptions, String classPath, Path workingDir) {
        Optional<String> setsid = Optional.empty();
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (new File(candidate).canExecute()) {
                setsid = Optional.of(candidate);
                break;
            }
        }
        if (setsid.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(setsid.get());
        command.add(javaCommand());
        command.addAll(serverOptions);
        // a long-lived JVM: start the heap small and give back what a full collection frees, so
        // the old generation is not filled page by page up to -Xmx between collections
        command.addAll(SERVER_HEAP);
        command.addAll(List.of(
                "-cp", classPath, DaemonServer.class.getName(), address.folder().toString(), address.key()));
        try {
            new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(address.log().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException | RuntimeException e) {
            // no server this time: the next command tries again
        }
    }
}
