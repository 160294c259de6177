package dev.sprout.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that acts in watch mode. File watchers and the key reader only post events;
 * this loop handles them in order, so a grading never races a key press. File changes are
 * debounced: the loop waits until no change arrived for {@code quiet} (editors write a file in
 * several steps: truncate, write, rename a swap file), then acts once.
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

        /** Watching stops (a key, Ctrl-C, end of input): stop whatever still runs. */
        default void stopping() {}
    }

    private final BlockingDeque<Event> events = new LinkedBlockingDeque<>();
    private final Duration quiet;

    public WatchLoop(Duration quiet) {
        this.quiet = quiet;
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
            settle();
            actions.changed();
        }
    }

    /** Swallows further changes until {@code quiet} passes without one; anything else waits its turn. */
    private void settle() throws InterruptedException {
        while (true) {
            Event next = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                return;
            }
            if (!(next instanceof Changed)) {
                events.addFirst(next);
                return;
            }
        }
    }
}
