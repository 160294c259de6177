package dev.sprout.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's lock with real files: what a server holds, checked from another process, and what
 * it must notice while taking it.
 */
class DaemonLockTest {

    @TempDir
    Path folder;

    @Test
    void aLockFileReplacedWhileBeingTakenIsNoticedAndTheNewFileIsLocked() throws Exception {
        Path lock = folder.resolve("0123456789abcdef.lock");
        AtomicInteger checks = new AtomicInteger();
        AtomicReference<Object> replacement = new AtomicReference<>();
        // between our lock and our check, a sweeper that held the lock before us deletes the
        // file and another server makes a new one: a lock on the old file would make two servers
        Optional<DaemonLock> taken = DaemonLock.take(lock, true, () -> {
            if (checks.getAndIncrement() == 0) {
                replace(lock);
                replacement.set(fileKey(lock));
            }
        });
        try (DaemonLock held = taken.orElseThrow()) {
            assertThat(checks).as("taken again after the file was replaced").hasValue(2);
            assertThat(fileKey(lock)).isEqualTo(replacement.get());
            assertThat(OtherProcessLock.isFree(lock))
                    .as("the file the name names is the one held")
                    .isFalse();
        }
        assertThat(OtherProcessLock.isFree(lock)).isTrue();
    }

    @Test
    void aLockFileDeletedWhileBeingTakenIsMadeAgainByAServer() throws Exception {
        Path lock = folder.resolve("0123456789abcdef.lock");
        AtomicInteger checks = new AtomicInteger();
        Optional<DaemonLock> taken = DaemonLock.take(lock, true, () -> {
            if (checks.getAndIncrement() == 0) {
                delete(lock);
            }
        });
        try (DaemonLock held = taken.orElseThrow()) {
            assertThat(checks).hasValue(2);
            assertThat(OtherProcessLock.isFree(lock)).isFalse();
        }
    }

    @Test
    void aLockFileDeletedWhileBeingTakenWithoutCreatingIsNotTaken() throws IOException {
        Path lock = Files.createFile(folder.resolve("0123456789abcdef.lock"));
        assertThat(DaemonLock.take(lock, false, () -> delete(lock)))
                .as("the name names no file any more")
                .isEmpty();
        assertThat(lock).doesNotExist();
    }

    @Test
    void aLockHeldByAnotherProcessIsNotTakenAndIsTakenOnceLetGo() throws Exception {
        Path lock = Files.createFile(folder.resolve("0123456789abcdef.lock"));
        try (OtherProcessLock server = OtherProcessLock.hold(lock)) {
            assertThat(DaemonLock.take(lock, true)).isEmpty();
            assertThat(OtherProcessLock.isFree(lock)).as("still held").isFalse();
        }
        try (DaemonLock held = DaemonLock.take(lock, false).orElseThrow()) {
            assertThat(OtherProcessLock.isFree(lock)).isFalse();
        }
    }

    @Test
    void aLinkIsNeverFollowed() throws IOException {
        Path target = Files.createFile(folder.resolve("elsewhere"));
        Path lock = Files.createSymbolicLink(folder.resolve("0123456789abcdef.lock"), target);
        assertThatThrownBy(() -> DaemonLock.take(lock, true)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DaemonLock.take(lock, false)).isInstanceOf(IOException.class);
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replace(Path file) {
        try {
            Files.delete(file);
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
