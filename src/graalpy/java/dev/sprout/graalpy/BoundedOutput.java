package dev.sprout.graalpy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A case's stdout or stderr: keeps the first {@code cap} bytes, then drops the rest and raises
 * a flag the watchdog turns into "output-limit" (as the harness kills a child that prints too much).
 */
final class BoundedOutput extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Runnable onOverflow;
    private long cap = 1 << 20;
    private boolean overflowed;

    BoundedOutput(Runnable onOverflow) {
        this.onOverflow = onOverflow;
    }

    synchronized void limit(long bytes) {
        cap = bytes;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        long room = cap - kept.size();
        if (len > room) {
            kept.write(b, off, (int) Math.max(room, 0));
            if (!overflowed) {
                overflowed = true;
                onOverflow.run();
            }
            return;
        }
        kept.write(b, off, len);
    }

    synchronized boolean overflowed() {
        return overflowed;
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
