package dev.sprout.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import org.slf4j.helpers.NOPLogger;

/**
 * Watches a folder tree and posts {@link WatchLoop.Changed} events: natively (inotify on Linux,
 * FSEvents on macOS, via directory-watcher) when that works, else by hashing the tree a few
 * times a second, which also works on network drives and WSL's /mnt where native events never
 * arrive.
 */
public final class FileWatch implements AutoCloseable {

    static final Duration POLL_EVERY = Duration.ofMillis(300);

    private final Optional<DirectoryWatcher> watcher;
    private final Optional<ScheduledExecutorService> poller;
    private final Optional<String> fallbackReason;

    private FileWatch(
            Optional<DirectoryWatcher> watcher,
            Optional<ScheduledExecutorService> poller,
            Optional<String> fallbackReason) {
        this.watcher = watcher;
        this.poller = poller;
        this.fallbackReason = fallbackReason;
    }

    /**
     * @param poll force polling (the {@code --poll} option)
     */
    public static FileWatch start(Path root, WatchLoop loop, boolean poll) {
        if (!poll && onWindowsDrive(root)) {
            return polling(
                    root,
                    loop,
                    Optional.of("This folder is on a Windows drive seen from WSL, where Linux never "
                            + "hears about saves, so sprout checks for changes a few times a second instead."));
        }
        if (!poll) {
            try {
                DirectoryWatcher watcher = DirectoryWatcher.builder()
                        .path(root)
                        .fileHashing(false)
                        .logger(NOPLogger.NOP_LOGGER)
                        .listener(event -> onEvent(root, event, loop))
                        .build();
                watcher.watchAsync().whenComplete((ignored, error) -> {
                    if (error != null && !watcher.isClosed()) {
                        loop.post(new WatchLoop.Quit(
                                "the file watcher stopped: " + error.getMessage() + ". Try `sprout watch --poll`."));
                    }
                });
                return new FileWatch(Optional.of(watcher), Optional.empty(), Optional.empty());
            } catch (IOException | RuntimeException e) {
                return polling(
                        root,
                        loop,
                        Optional.of("Native file watching does not work here (" + e.getMessage()
                                + "), so sprout checks for changes a few times a second instead."));
            }
        }
        return polling(root, loop, Optional.empty());
    }

    /** WSL's /mnt/c and friends: inotify events never arrive for edits made from Windows. */
    private static boolean onWindowsDrive(Path root) {
        if (!root.toAbsolutePath().startsWith("/mnt/")) {
            return false;
        }
        try {
            return Files.readString(Path.of("/proc/version"))
                    .toLowerCase(Locale.ROOT)
                    .contains("microsoft");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void onEvent(Path root, DirectoryChangeEvent event, WatchLoop loop) {
        Path path = event.path();
        if (path == null || event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
            loop.post(new WatchLoop.Changed(root));
            return;
        }
        Path relative = path.startsWith(root) ? root.relativize(path) : path;
        if (!WatchedFiles.ignored(relative)) {
            loop.post(new WatchLoop.Changed(path));
        }
    }

    private static FileWatch polling(Path root, WatchLoop loop, Optional<String> reason) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sprout-poll");
            thread.setDaemon(true);
            return thread;
        });
        String[] last = {WatchedFiles.hash(root)};
        poller.scheduleWithFixedDelay(
                () -> {
                    String now = WatchedFiles.hash(root);
                    if (!now.equals(last[0])) {
                        last[0] = now;
                        loop.post(new WatchLoop.Changed(root));
                    }
                },
                POLL_EVERY.toMillis(),
                POLL_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return new FileWatch(Optional.empty(), Optional.of(poller), reason);
    }

    /** "native" or "polling". */
    public String mode() {
        return watcher.isPresent() ? "native" : "polling";
    }

    /** Set when native watching failed and polling took over: say so to the learner. */
    public Optional<String> fallbackReason() {
        return fallbackReason;
    }

    @Override
    public void close() {
        watcher.ifPresent(w -> {
            try {
                w.close();
            } catch (IOException e) {
                // closing at exit: nothing left to watch either way
            }
        });
        poller.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
