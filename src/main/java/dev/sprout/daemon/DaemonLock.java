package dev.sprout.daemon;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A key's {@code .lock}, held by its server for the server's whole life: whoever holds it owns
 * the key's socket name, and only a holder deletes the file ({@link DaemonSweep} does, for keys
 * whose server is gone).
 *
 * <p>Because a holder may delete it, a lock taken on a file that is no longer under the name
 * protects nothing: a sweeper could delete the file between our open and our lock, and a second
 * server of the key would then create and lock a new one. So once locked, the taker checks that
 * the name still names the file it locked, and starts over when not. Java offers no fstat of a
 * channel; the check opens the name a second time and asks for the same lock, which the JVM
 * refuses with {@link OverlappingFileLockException} exactly when that second channel is on a
 * file this JVM has locked (its lock table is keyed by device and inode). That second channel
 * stays open while the lock is held: closing any descriptor of a file drops every POSIX lock
 * the process has on it (Java's locks are fcntl locks; measured on JDK 17), which is also why
 * nothing else in a server may open its own lock file.
 */
final class DaemonLock implements Closeable {

    /** Each retry means a sweeper removed the file under us; more than a few means no server now. */
    private static final int ATTEMPTS = 5;

    private final FileChannel channel;
    private final FileLock lock;
    private final FileChannel sameFile;

    private DaemonLock(FileChannel channel, FileLock lock, FileChannel sameFile) {
        this.channel = channel;
        this.lock = lock;
        this.sameFile = sameFile;
    }

    /**
     * The lock on {@code file}, never waiting; empty when another process holds it (or this JVM
     * does), or, without {@code create}, when there is no such file. Links are never followed.
     */
    static Optional<DaemonLock> take(Path file, boolean create) throws IOException {
        return take(file, create, () -> {});
    }

    /** {@code afterLocking} runs between the lock and the check: how tests replace the file there. */
    static Optional<DaemonLock> take(Path file, boolean create, Runnable afterLocking) throws IOException {
        OpenOption[] options = create
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS}
                : new OpenOption[] {StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS};
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel;
            try {
                channel = FileChannel.open(file, options);
            } catch (NoSuchFileException gone) {
                if (create) {
                    throw gone; // the folder itself is gone
                }
                return Optional.empty();
            }
            boolean kept = false;
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldHere) {
                    // this JVM holds it already (only a test does); closing our channel below
                    // drops that lock in the kernel, as POSIX wants
                    return Optional.empty();
                }
                if (lock == null) {
                    return Optional.empty(); // another process holds it
                }
                afterLocking.run();
                Optional<FileChannel> sameFile = sameFileAs(file);
                if (sameFile.isPresent()) {
                    kept = true;
                    return Optional.of(new DaemonLock(channel, lock, sameFile.get()));
                }
                // the name lost the file we locked (whoever deleted it held it before us): again
            } finally {
                if (!kept) {
                    channel.close();
                }
            }
        }
        return Optional.empty();
    }

    /** A second channel on what {@code file} names now, when that is the file this JVM has locked. */
    private static Optional<FileChannel> sameFileAs(Path file) throws IOException {
        FileChannel second;
        try {
            second = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        try {
            second.tryLock(); // granted, or refused by another process: either way another file
        } catch (OverlappingFileLockException ours) {
            return Optional.of(second);
        } catch (IOException | RuntimeException e) {
            second.close();
            throw e;
        }
        second.close(); // and with it the other file's lock, if it was granted
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                sameFile.close();
            } finally {
                channel.close();
            }
        }
    }
}
