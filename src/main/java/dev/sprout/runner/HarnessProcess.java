package dev.sprout.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.sandbox.SandboxedProcess;

/**
 * The JSON-lines channel to one running harness. Replies are read on a thread of their own so
 * every wait is bounded; the harness's stderr is drained (capped) for diagnosing start failures.
 */
final class HarnessProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STDERR_CAP = 64 * 1024;
    /** A reply line longer than this is dropped unread (its values and output are capped well below). */
    static final int REPLY_CAP = 16 << 20;

    private static final JsonNode END = JSON.createObjectNode().put("op", "end-of-stream");

    /** Threads that read harness output, reused from one submission to the next. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "sprout-harness-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final SandboxedProcess process;
    private final OutputStream requests;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private volatile boolean ended;

    HarnessProcess(SandboxedProcess process) {
        this.process = process;
        this.requests = process.stdin();
        READERS.execute(this::readReplies);
        READERS.execute(this::drainStderr);
    }

    /** Sends one request and waits up to {@code timeout} for its reply; empty on timeout or death. */
    Optional<JsonNode> call(JsonNode request, Duration timeout) {
        return send(request) ? receive(timeout) : Optional.empty();
    }

    /**
     * Sends one request without waiting: requests may be pipelined, since the harness answers
     * each with exactly one line, in order ({@link #receive} then takes the replies in turn).
     * False if the harness is gone.
     */
    boolean send(JsonNode request) {
        try {
            requests.write(JSON.writeValueAsBytes(request));
            requests.write('\n');
            requests.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next reply, waiting up to {@code timeout}; empty on timeout or once the harness ended. */
    Optional<JsonNode> receive(Duration timeout) {
        try {
            JsonNode reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == END) {
                ended = true;
                replies.add(END); // every later receive sees the end too
            }
            return reply == null || reply == END ? Optional.empty() : Optional.of(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    String stderr() {
        return stderr.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True once a {@link #receive} found the harness's output ended (it exited or was killed). */
    boolean ended() {
        return ended;
    }

    private void readReplies() {
        try (InputStream in = process.stdout()) {
            byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean overlong = false;
            int n;
            while ((n = in.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    if (!overlong) {
                        line.write(buffer, start, i - start);
                    }
                    reply(line, overlong);
                    line.reset();
                    overlong = false;
                    start = i + 1;
                }
                if (!overlong) {
                    line.write(buffer, start, n - start);
                    if (line.size() > REPLY_CAP) {
                        overlong = true; // drop the rest of this line as it comes
                        line.reset();
                    }
                }
            }
        } catch (IOException closed) {
            // the process ended; END below tells any waiter
        } finally {
            replies.add(END);
        }
    }

    private void reply(ByteArrayOutputStream line, boolean overlong) {
        if (overlong) {
            stderr.append("harness reply longer than ").append(REPLY_CAP >> 20).append(" MiB dropped\n");
            ObjectNode error = JSON.createObjectNode()
                    .put("op", "error")
                    .put("status", "harness-error")
                    .put("message", "the harness's reply was longer than " + (REPLY_CAP >> 20) + " MiB");
            error.putObject("exception")
                    .put("type", "ReplyTooLong")
                    .put(
                            "message",
                            "the harness's reply was longer than " + (REPLY_CAP >> 20) + " MiB, so it was dropped")
                    .put("traceback", "");
            replies.add(error);
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return;
        }
        try {
            replies.add(JSON.readTree(text));
        } catch (RuntimeException garbled) {
            stderr.append("unreadable harness reply: ")
                    .append(text, 0, Math.min(text.length(), 200))
                    .append('\n');
        }
    }

    private void drainStderr() {
        byte[] buffer = new byte[8192];
        try (var in = process.stderr()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (stderr.length() < STDERR_CAP) {
                    stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException closed) {
            // nothing more to read
        }
    }

    /** Asks the harness to end: it stops its case child and exits. {@link #close} then waits for that. */
    void sayBye() {
        try {
            requests.write("{\"op\":\"bye\"}\n".getBytes(StandardCharsets.UTF_8));
            requests.close();
        } catch (IOException gone) {
            // it has ended already
        }
    }

    /** Kills the harness and its sandbox at once, whatever it is doing. */
    void kill() {
        process.close();
    }

    @Override
    public void close() {
        sayBye();
        try {
            process.waitFor(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.close();
        }
    }
}
