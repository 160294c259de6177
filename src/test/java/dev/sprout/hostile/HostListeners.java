package dev.sprout.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Listeners on the host that learner code must not reach; each records what connected to it. */
final class HostListeners {

    private HostListeners() {}

    /** A TCP listener on 127.0.0.1 that records the first line of every connection. */
    static final class Tcp implements AutoCloseable {

        private final ServerSocket server;
        private final List<String> seen = new CopyOnWriteArrayList<>();

        Tcp() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "hostile-tcp-listener");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** The first line each connection sent, so far. */
        List<String> seen() {
            return List.copyOf(seen);
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(2000);
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    seen.add(Optional.ofNullable(in.readLine()).orElse("<connected, sent nothing>"));
                } catch (IOException e) {
                    // closed, or a client that went away: keep listening until closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** An abstract unix socket on the host, served by a small python3: Java 17 cannot bind one. */
    static final class AbstractUnix implements AutoCloseable {

        private static final String CODE = String.join(
                "\n",
                "import socket, sys, threading",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                "s.bind('\\0' + sys.argv[1])",
                "s.listen(8)",
                "seen = []",
                "def serve():",
                "    while True:",
                "        c, _ = s.accept()",
                "        c.settimeout(2)",
                "        try:",
                "            seen.append(c.recv(200).decode('utf-8', 'replace').strip() or '<sent nothing>')",
                "        except OSError:",
                "            seen.append('<sent nothing>')",
                "        c.close()",
                "threading.Thread(target=serve, daemon=True).start()",
                "print('ready', flush=True)",
                "sys.stdin.read()", // until the test asks what it saw
                "print('seen:' + ','.join(seen), flush=True)");

        private final Process process;
        private final BufferedReader out;

        AbstractUnix(String name) throws IOException {
            process = new ProcessBuilder("/usr/bin/python3", "-I", "-c", CODE, name)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) {
                process.destroyForcibly();
                throw new IOException("the abstract-socket listener did not start: " + ready);
            }
        }

        /** What each connection sent; call once, after the attack. */
        List<String> seen() throws IOException {
            process.getOutputStream().close();
            String line = Optional.ofNullable(out.readLine()).orElse("seen:");
            String list = line.substring("seen:".length());
            return list.isEmpty() ? List.of() : List.of(list.split(","));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
