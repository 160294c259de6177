package dev.sprout.watch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.sprout.grading.Cancel;
import dev.sprout.grading.GradingCancelled;

/**
 * Runs watch mode's checks off the loop's thread, one at a time, so a key, Ctrl-C or a new save
 * acts while a check runs: {@link #cancel()} stops it (its sandbox is closed) and its result is
 * never shown. Results come back through the loop ({@link WatchLoop.Done}), so every line is
 * still printed by the loop's thread. Use from the loop's thread only.
 */
public final class Checking {

    private final WatchLoop loop;
    /** One thread: a cancelled check unwinds (its sandbox already closed) before the next starts. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "sprout-watch-check");
        thread.setDaemon(true);
        return thread;
    });

    private Cancel running;

    public Checking(WatchLoop loop) {
        this.loop = loop;
    }

    /**
     * Cancels the check that runs, if any, and starts {@code work}; {@code done} or {@code failed}
     * runs on the loop's thread unless this check is cancelled first.
     */
    public <T> void start(Function<Cancel, T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        cancel();
        Cancel mine = new Cancel();
        running = mine;
        worker.execute(() -> {
            Runnable show;
            try {
                T result = work.apply(mine);
                show = () -> done.accept(result);
            } catch (GradingCancelled stopped) {
                return;
            } catch (RuntimeException e) {
                show = () -> failed.accept(e);
            }
            Runnable shown = show;
            loop.post(new WatchLoop.Done(() -> {
                if (running == mine && !mine.cancelled()) {
                    running = null;
                    shown.run();
                }
            }));
        });
    }

    /**
     * From inside a running check's work: shows {@code step} (a line of progress) on the loop's
     * thread, unless that check is cancelled or replaced first. Steps show in the order posted,
     * before the check's {@code done}.
     */
    public void progress(Cancel check, Runnable step) {
        loop.post(new WatchLoop.Done(() -> {
            if (running == check && !check.cancelled()) {
                step.run();
            }
        }));
    }

    /** Whether a check runs now. */
    public boolean busy() {
        return running != null;
    }

    /** Stops the running check, if any: its learner code ends now and nothing of it is shown. */
    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    /** Cancels and lets the worker thread go. */
    public void close() {
        cancel();
        worker.shutdown();
    }
}
