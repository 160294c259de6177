package dev.sprout.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * Turns key presses into {@link WatchLoop.Key} events. On a terminal, keys act at once (raw
 * mode through JLine) and the terminal's settings are put back on every way out: {@link #close()},
 * Ctrl-C, and JVM shutdown. Without a terminal (piped input, tests) each line's first
 * character is a key, so scripts can drive watch mode too.
 */
public final class Keys implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final Terminal terminal;
    private final Attributes saved;
    private final Thread reader;
    private final Thread restoreAtExit;
    private volatile boolean closed;
    private boolean restored;

    private Keys(Terminal terminal, Attributes saved, Thread reader) {
        this.terminal = terminal;
        this.saved = saved;
        this.reader = reader;
        this.restoreAtExit = new Thread(this::restore, "sprout-restore-terminal");
        if (terminal != null) {
            Runtime.getRuntime().addShutdownHook(restoreAtExit);
        }
    }

    /** Reads keys from the real terminal in raw mode. */
    public static Keys raw(WatchLoop loop) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        Attributes saved = terminal.enterRawMode();
        // Ctrl-C: quit through the loop, so the terminal is restored and the watcher closed
        terminal.handle(Terminal.Signal.INT, signal -> loop.post(new WatchLoop.Quit("interrupted")));
        Keys[] self = new Keys[1];
        Thread thread = new Thread(
                () -> {
                    NonBlockingReader input = terminal.reader();
                    try {
                        while (!self[0].closed) {
                            int c = input.read(POLL_MILLIS);
                            if (c == NonBlockingReader.READ_EXPIRED) {
                                continue;
                            }
                            if (c < 0 || c == 3 || c == 4) {
                                loop.post(new WatchLoop.Quit(c < 0 ? "end of input" : "interrupted"));
                                return;
                            }
                            loop.post(new WatchLoop.Key((char) c));
                        }
                    } catch (IOException e) {
                        loop.post(new WatchLoop.Quit("the terminal closed"));
                    }
                },
                "sprout-keys");
        thread.setDaemon(true);
        self[0] = new Keys(terminal, saved, thread);
        thread.start();
        return self[0];
    }

    /** One key per line from {@code in}; the end of input quits. */
    public static Keys lines(InputStream in, WatchLoop loop) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line; (line = lines.readLine()) != null; ) {
                            String key = line.strip();
                            if (!key.isEmpty()) {
                                loop.post(new WatchLoop.Key(key.charAt(0)));
                            }
                        }
                    } catch (IOException e) {
                        // input closed under us: same as its end
                    }
                    loop.post(new WatchLoop.Quit("end of input"));
                },
                "sprout-keys");
        thread.setDaemon(true);
        thread.start();
        return new Keys(null, null, thread);
    }

    /** The terminal's width now (it may have been resized), when keys come from a terminal. */
    public Optional<Integer> width() {
        if (terminal == null) {
            return Optional.empty();
        }
        int columns = terminal.getWidth();
        return columns > 0 ? Optional.of(columns) : Optional.empty();
    }

    /** The raw terminal's writer, when there is one (raw mode still translates \n to \r\n on output). */
    public boolean isTerminal() {
        return terminal != null;
    }

    private synchronized void restore() {
        if (terminal == null || saved == null || restored) {
            return;
        }
        restored = true;
        try {
            terminal.setAttributes(saved);
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // the terminal is gone already: nothing to restore
        }
    }

    @Override
    public void close() {
        closed = true;
        restore();
        if (terminal != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: fine
            }
        }
        reader.interrupt();
    }
}
