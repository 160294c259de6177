package dev.sprout.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.sprout.sandbox.SandboxedProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON-lines channel to one running harness. Replies are read on a thread of their own so
 * every wait is bounded; the harness's stderr is drained (capped) for diagnosing start failures.
 */
final class HarnessProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STDERR_CAP = 64 * 1024;
    private static final JsonNode END = JSON.createObjectNode().put("op", "end-of-stream");

    private final SandboxedProcess process;
    private final OutputStream requests;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    HarnessProcess(SandboxedProcess process) {
        this.process = process;
        this.requests = process.stdin();
        Thread reader = new Thread(this::readReplies, "sprout-harness-out");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(this::drainStderr, "sprout-harness-err");
        errors.setDaemon(true);
        errors.start();
    }

    /** Sends one request and waits up to {@code timeout} for its reply; empty on timeout or death. */
    Optional<JsonNode> call(JsonNode request, Duration timeout) {
        try {
            requests.write(JSON.writeValueAsBytes(request));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            JsonNode reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

    private void readReplies() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    replies.add(JSON.readTree(line));
                } catch (RuntimeException garbled) {
                    stderr.append("unreadable harness reply: ").append(line, 0, Math.min(line.length(), 200)).append('\n');
                }
            }
        } catch (IOException closed) {
            // the process ended; END below tells any waiter
        } finally {
            replies.add(END);
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

    @Override
    public void close() {
        try {
            requests.write("{\"op\":\"bye\"}\n".getBytes(StandardCharsets.UTF_8));
            requests.close();
            process.waitFor(Duration.ofMillis(500));
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            process.close();
        }
    }
}
