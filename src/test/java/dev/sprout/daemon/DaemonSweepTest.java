package dev.sprout.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a starting server removes from the server folder, with real files, sockets and locks:
 * only what servers that are gone left, untouched for a while, under sprout's own names.
 */
class DaemonSweepTest {

    private static final String OWN = "00000000000000aa";
    private static final String GONE = "0123456789abcdef";
    private static final String OTHER = "fedcba9876543210";
    private static final Duration TWO_DAYS = Duration.ofDays(2);
    /** Every other key may go, however few: the rule under test is the age and the lock. */
    private static final DaemonSweep KEEP_NONE = new DaemonSweep(Duration.ofDays(1), 0);

    @TempDir
    Path temp;

    private Path folder;

    @BeforeEach
    void folder() throws IOException {
        folder = Files.createDirectory(
                temp.resolve("sprout"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void removesEveryFileOfAKeyWhoseServerIsGoneAndUntouchedForADay() throws IOException {
        List<Path> files = leftovers(GONE, TWO_DAYS);
        Path socket = socket(GONE, TWO_DAYS); // a killed server's

        DaemonSweep.Swept swept = KEEP_NONE.sweep(folder, OWN, Instant.now());

        assertThat(swept.problems()).isEmpty();
        assertThat(swept.removed()).containsExactly(GONE);
        assertThat(files).allSatisfy(file -> assertThat(file).doesNotExist());
        assertThat(socket).doesNotExist();
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void keepsEverythingOfAKeyWhoseLockAnotherProcessHolds() throws Exception {
        List<Path> files = leftovers(GONE, TWO_DAYS);
        Path socket = socket(GONE, TWO_DAYS);
        // a server idle for two days (SPROUT_DAEMON_IDLE set high) is old, and alive
        try (OtherProcessLock server = OtherProcessLock.hold(folder.resolve(GONE + ".lock"))) {
            DaemonSweep.Swept swept = KEEP_NONE.sweep(folder, OWN, Instant.now());

            assertThat(swept.removed()).isEmpty();
            assertThat(swept.problems()).isEmpty();
            assertThat(files).allSatisfy(file -> assertThat(file).isRegularFile());
            assertThat(socket).exists();
            assertThat(OtherProcessLock.isFree(folder.resolve(GONE + ".lock")))
                    .as("the sweeper let go of nothing of the live server's")
                    .isFalse();
        }
    }

    @Test
    void keepsEverythingOfAKeyWhoseLockIsHeldWithFileChannelLock() throws IOException {
        List<Path> files = leftovers(GONE, TWO_DAYS);
        try (FileChannel channel = FileChannel.open(folder.resolve(GONE + ".lock"), StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            DaemonSweep.Swept swept = KEEP_NONE.sweep(folder, OWN, Instant.now());

            assertThat(swept.removed()).isEmpty();
            assertThat(files).allSatisfy(file -> assertThat(file).isRegularFile());
        }
    }

    @Test
    void keepsTheFilesOfAGoneKeyTouchedWithinADay() throws IOException {
        List<Path> files = leftovers(GONE, TWO_DAYS);
        // the log is written at every command served: this key was used an hour ago
        Files.setLastModifiedTime(folder.resolve(GONE + ".log"), ago(Duration.ofHours(1)));
        List<Path> fresh = leftovers(OTHER, Duration.ZERO);

        DaemonSweep.Swept swept = KEEP_NONE.sweep(folder, OWN, Instant.now());

        assertThat(swept.removed()).isEmpty();
        assertThat(files).allSatisfy(file -> assertThat(file).isRegularFile());
        assertThat(fresh).allSatisfy(file -> assertThat(file).isRegularFile());
    }

    @Test
    void leavesLinksFoldersAndOtherNamesAlone() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside.txt"), "not sprout's");
        Path linkedLog = Files.createSymbolicLink(folder.resolve(GONE + ".log"), outside);
        Path lockBesideLink = Files.createFile(folder.resolve(GONE + ".lock"));
        Path linkedLock = Files.createSymbolicLink(folder.resolve(OTHER + ".lock"), outside);
        Path folderAsLog = Files.createDirectory(folder.resolve("00000000000000bb.log"));
        List<Path> unrelated = List.of(
                Files.createFile(folder.resolve("notes.txt")),
                Files.createFile(folder.resolve(GONE + ".lock.old")),
                Files.createFile(folder.resolve("0123456789ABCDEF.lock")),
                Files.createFile(folder.resolve("0123456789abcde.log")),
                Files.createFile(folder.resolve("x0123456789abcdef.log")));

        // a month later: everything here is old, even the links' own times
        DaemonSweep.Swept swept = KEEP_NONE.sweep(folder, OWN, Instant.now().plus(Duration.ofDays(30)));

        assertThat(swept.removed()).isEmpty();
        assertThat(swept.problems()).isEmpty();
        assertThat(List.of(linkedLog, linkedLock))
                .allSatisfy(link -> assertThat(Files.isSymbolicLink(link)).isTrue());
        assertThat(outside).hasContent("not sprout's");
        assertThat(lockBesideLink)
                .as("a key with a link under its names is not ours")
                .isRegularFile();
        assertThat(folderAsLog).isDirectory();
        assertThat(unrelated).allSatisfy(file -> assertThat(file).isRegularFile());
    }

    @Test
    void leavesItsOwnKeyAloneAndItsLockHeld() throws Exception {
        List<Path> own = leftovers(OWN, TWO_DAYS);
        try (DaemonLock held =
                DaemonLock.take(folder.resolve(OWN + ".lock"), false).orElseThrow()) {
            DaemonSweep.Swept swept = KEEP_NONE.sweep(folder, OWN, Instant.now());

            assertThat(swept.removed()).isEmpty();
            assertThat(own).allSatisfy(file -> assertThat(file).isRegularFile());
            // opening and closing our own lock file would have dropped the lock (POSIX)
            assertThat(OtherProcessLock.isFree(folder.resolve(OWN + ".lock"))).isFalse();
        }
    }

    @Test
    void keepsTheNewestFewKeysWhateverTheirAge() throws IOException {
        // seven keys gone for 2 to 8 days; the five last touched stay for whoever reads their logs
        for (int day = 2; day <= 8; day++) {
            leftovers(key(day), Duration.ofDays(day));
        }

        DaemonSweep.Swept swept = DaemonSweep.DEFAULT.sweep(folder, OWN, Instant.now());

        assertThat(swept.removed()).containsExactlyInAnyOrder(key(7), key(8));
        for (int day = 2; day <= 6; day++) {
            assertThat(folder.resolve(key(day) + ".log")).isRegularFile();
        }
        assertThat(folder.resolve(key(8) + ".lock")).doesNotExist();
    }

    @Test
    void aFolderThatCannotBeListedIsReportedNotThrown() {
        DaemonSweep.Swept swept = KEEP_NONE.sweep(temp.resolve("missing"), OWN, Instant.now());

        assertThat(swept.removed()).isEmpty();
        assertThat(swept.problems()).singleElement().asString().contains("missing");
    }

    // --- helpers

    /** A key's lock and log as a server and its client leave them, last changed {@code age} ago. */
    private List<Path> leftovers(String key, Duration age) throws IOException {
        Path lock = Files.createFile(folder.resolve(key + ".lock"));
        Path log = Files.writeString(folder.resolve(key + ".log"), "serving\nstopping: idle for 1800 s\n");
        for (Path file : List.of(lock, log)) {
            Files.setLastModifiedTime(file, ago(age));
        }
        return List.of(lock, log);
    }

    /** A socket file left by a server that was killed. */
    private Path socket(String key, Duration age) throws IOException {
        Path socket = folder.resolve(key + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isTrue();
        Files.setLastModifiedTime(socket, ago(age));
        return socket;
    }

    private static FileTime ago(Duration age) {
        return FileTime.from(Instant.now().minus(age));
    }

    private static String key(int n) {
        return String.format("%016x", n);
    }
}
