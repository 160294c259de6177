package dev.sprout.runner;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.sprout.process.ExitHooks;

/**
 * Finishes closing sessions in the background. Once a submission's verdicts are in, waiting for
 * its sandbox to exit and its files to be deleted only delays the learner (about 2 ms), so a
 * session asks its harness to end and leaves the rest here. A close still pending when the JVM
 * exits runs to its end in a shutdown hook; every sandbox process also has its own hook that
 * kills its tree.
 */
public final class Closer {

    private static final Set<Task> PENDING = ConcurrentHashMap.newKeySet();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "sprout-closer");
        thread.setDaemon(true);
        return thread;
    });

    static {
        ExitHooks.add(new Thread(() -> List.copyOf(PENDING).forEach(Task::run), "sprout-closer-exit"));
    }

    private Closer() {}

    /**
     * Waits up to {@code timeout} until no close is pending; true if none is. For measurements
     * and tests that must see every sandbox gone: sprout itself never needs to wait.
     */
    public static boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (PENDING) {
            while (!PENDING.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(PENDING, left);
            }
        }
        return true;
    }

    /** Runs {@code close} soon on another thread, or at the latest when the JVM exits. */
    static void later(Runnable close) {
        Task task = new Task(close);
        PENDING.add(task);
        THREADS.execute(task::run);
    }

    /** Runs once; a second caller waits until the first has finished. */
    private static final class Task {
        private final Runnable close;
        private boolean done;

        Task(Runnable close) {
            this.close = close;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            try {
                close.run();
            } catch (RuntimeException ignored) {
                // closing is best effort by contract (SandboxedProcess.close never throws)
            } finally {
                done = true;
                synchronized (PENDING) {
                    PENDING.remove(this);
                    PENDING.notifyAll();
                }
            }
        }
    }
}
