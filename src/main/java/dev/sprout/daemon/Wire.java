package dev.sprout.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes between a client and its server. A request: protocol number, key, working folder,
 * arguments, environment, whether a terminal is attached. The answer: frames of standard output
 * and standard error as the command writes them, then one exit frame with the exit code.
 */
final class Wire {

    static final int MAGIC = 0x53505254; // "SPRT"
    static final int OUT = 1;
    static final int ERR = 2;
    static final int EXIT = 3;
    /** A bound on what a request may hold, so a stray connection cannot make the server allocate much. */
    private static final int MAX_TEXT = 1 << 20;

    private static final int MAX_ITEMS = 10_000;

    private Wire() {}

    record Request(
            String key, String workingDir, List<String> args, Map<String, String> environment, boolean terminal) {}

    static void write(DataOutputStream out, Request request) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(DaemonAddress.PROTOCOL);
        text(out, request.key());
        text(out, request.workingDir());
        out.writeInt(request.args().size());
        for (String arg : request.args()) {
            text(out, arg);
        }
        out.writeInt(request.environment().size());
        for (Map.Entry<String, String> variable : request.environment().entrySet()) {
            text(out, variable.getKey());
            text(out, variable.getValue());
        }
        out.writeBoolean(request.terminal());
        out.flush();
    }

    /** Throws IOException for anything that is not a request of this protocol. */
    static Request read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != DaemonAddress.PROTOCOL) {
            throw new IOException("not a request of protocol " + DaemonAddress.PROTOCOL);
        }
        String key = text(in);
        String workingDir = text(in);
        int count = count(in);
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(text(in));
        }
        count = count(in);
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            environment.put(text(in), text(in));
        }
        return new Request(key, workingDir, args, environment, in.readBoolean());
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_ITEMS) {
            throw new IOException("a request listing " + count + " items");
        }
        return count;
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT) {
            throw new IOException("a request text of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Frames sent by the server; one lock keeps the two streams' frames whole. */
    static final class Frames {
        private final DataOutputStream out;

        Frames(DataOutputStream out) {
            this.out = out;
        }

        /** Standard output ({@link #OUT}) or error ({@link #ERR}) as a stream of frames. */
        OutputStream stream(int kind) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (length == 0) {
                        return;
                    }
                    synchronized (Frames.this) {
                        out.writeByte(kind);
                        out.writeInt(length);
                        out.write(bytes, offset, length);
                        out.flush();
                    }
                }
            };
        }

        synchronized void exit(int code) throws IOException {
            out.writeByte(EXIT);
            out.writeInt(code);
            out.flush();
        }
    }
}
