package dev.sprout.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that acts in watch mode. File watchers and the key reader only post events;
 * this loop handles them in order, so a grading never races a key press. File changes are
 * debounced: editors write a file in several steps (truncate, write, rename a swap file), all
 * within a few milliseconds, so the loop acts once no change arrived for a short {@code quiet}.
 * Where the files still look half-written (the learner's file empty or gone, as between a
 * truncate and its write) it waits on, up to {@code patience} after the last change: the end of
 * a save is detected rather than waited for blind. A check started too early costs nothing
 * visible: the next change cancels it.
 */
public final class WatchLoop {

    /** What can happen while watching. */
    public sealed interface Event permits Changed, Key, Quit, Done {}

    /** A file under the watched folder changed. */
    public record Changed(Path path) implements Event {}

    /** The learner pressed a key. */
    public record Key(char key) implements Event {}

    /** Stop watching (Ctrl-C, end of input, a watcher that died). */
    public record Quit(String why) implements Event {}

    /** Work finished on another thread, handed back so its result is shown on the loop's thread. */
    public record Done(Runnable show) implements Event {}

    /** What the loop does on the watch thread. */
    public interface Actions {
        /** Files settled after one or more changes. */
        void changed();

        /** @return false to stop watching */
        boolean key(char key);

        /** Whether the changed files look completely written (the learner's file is there, not empty). */
        default boolean saveComplete() {
            return true;
        }

        /** Watching stops (a key, Ctrl-C, end of input): stop whatever still runs. */
        default void stopping() {}
    }

    private final BlockingDeque<Event> events = new LinkedBlockingDeque<>();
    private final Duration quiet;
    private final Duration patience;

    /** A loop that acts {@code quiet} after the last change, whatever the files look like. */
    public WatchLoop(Duration quiet) {
        this(quiet, quiet);
    }

    /**
     * @param quiet how long no change must arrive before acting on files that look complete
     * @param patience how long to wait after the last change for files that look half-written
     */
    public WatchLoop(Duration quiet, Duration patience) {
        this.quiet = quiet;
        this.patience = patience.compareTo(quiet) < 0 ? quiet : patience;
    }

    /** Thread-safe: called from watcher and key threads. */
    public void post(Event event) {
        events.add(event);
    }

    /** Runs until a key says stop or a {@link Quit} arrives; returns why it stopped. */
    public String run(Actions actions) throws InterruptedException {
        while (true) {
            Event event = events.take();
            if (event instanceof Quit quit) {
                actions.stopping();
                return quit.why();
            }
            if (event instanceof Key key) {
                if (!actions.key(key.key())) {
                    actions.stopping();
                    return "quit";
                }
                continue;
            }
            if (event instanceof Done done) {
                done.show().run();
                continue;
            }
            settle(actions);
            actions.changed();
        }
    }

    /**
     * Swallows further changes until {@code quiet} passes without one and the save looks complete
     * (or {@code patience} passes without one); anything else waits its turn.
     */
    private void settle(Actions actions) throws InterruptedException {
        long lastChange = System.nanoTime();
        while (true) {
            Event next = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                if (System.nanoTime() - lastChange >= patience.toNanos() || actions.saveComplete()) {
                    return;
                }
                continue;
            }
            if (!(next instanceof Changed)) {
                events.addFirst(next);
                return;
            }
            lastChange = System.nanoTime();
        }
    }
}
