package dev.sprout.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox probe runs once per machine, not once per command: counted with a stand-in prober. */
@Timeout(30)
class ProbeCacheTest {

    @TempDir
    Path dir;

    private final AtomicInteger probes = new AtomicInteger();

    /** What the probe would find for the user running the tests. */
    private static final BwrapSandbox.Identity IDENTITY =
            HostTools.isRoot() ? BwrapSandbox.Identity.NOBODY : BwrapSandbox.Identity.CALLER;

    private Path cacheFile() {
        return dir.resolve("sprout").resolve("sandbox.json");
    }

    /** A new JVM's view of the machine: same cache file, fresh memory. */
    private Sandboxes.Machine newRun() {
        return new Sandboxes.Machine(
                new ProbeCache(Optional.of(cacheFile())),
                () -> {
                    probes.incrementAndGet();
                    // the tools this machine has (a cached entry naming others is not believed)
                    BwrapSandbox.Tools tools = new BwrapSandbox.Tools(
                            HostTools.find("bwrap").orElse(Path.of("/usr/bin/bwrap")),
                            HostTools.find("sh").orElseThrow(),
                            HostTools.find("setpriv"),
                            Optional.empty(),
                            Optional.empty(),
                            HostTools.find("prlimit"),
                            true,
                            false);
                    return new Sandboxes.Facts(
                            new BwrapProbe.Result(
                                    Optional.of(new BwrapSandbox(tools, IDENTITY)),
                                    "bubblewrap works here",
                                    Optional.empty(),
                                    List.of()),
                            HostTools.find("setsid")
                                    .map(setsid -> new LauncherSandbox.Tools(
                                            setsid, HostTools.find("setpriv"), true, Optional.empty())),
                            false);
                },
                () -> "bubblewrap 0.8.0");
    }

    @Test
    void aSecondRunUsesTheCachedProbeAndRunsNoProbe() throws IOException {
        Sandbox first = newRun().choose("auto");
        assertThat(probes).hasValue(1);
        assertThat(first.tier()).isEqualTo(Tier.BWRAP);
        String stored = Files.readString(cacheFile());
        assertThat(stored)
                .contains(ProbeCache.machineKey().replace("\\", "\\\\"))
                .contains("bubblewrap 0.8.0")
                .contains("\"identity\" : \"" + IDENTITY + "\"");
        assertThat(Files.list(cacheFile().getParent()))
                .as("written atomically: no temp file left")
                .hasSize(1);

        Sandboxes.Machine second = newRun();
        Sandbox again = second.choose("auto");

        assertThat(probes).as("the second run read the cache").hasValue(1);
        assertThat(second.facts().cached()).isTrue();
        assertThat(again.tier()).isEqualTo(Tier.BWRAP);
        BwrapSandbox bwrap = (BwrapSandbox) again;
        assertThat(bwrap.identity()).isEqualTo(IDENTITY);
        assertThat(bwrap.tools()).isEqualTo(((BwrapSandbox) first).tools());
        assertThat(second.choose("launcher").tier()).isEqualTo(Tier.LAUNCHER);
        assertThat(probes).hasValue(1);
    }

    @Test
    void theKeyNamesEveryToolByPathSizeAndTimeAndAChangedToolProbesAgain() throws IOException {
        String key = ProbeCache.machineKey();
        HostTools.find("sh").ifPresent(sh -> assertThat(key).contains("sh=" + sh + ":"));
        assertThat(key).contains("uid=").contains("/proc/sys/kernel/osrelease=");

        newRun().facts();
        assertThat(probes).hasValue(1);
        // the same machine, except that one tool was upgraded: another size and time
        String stored = Files.readString(cacheFile());
        Files.writeString(cacheFile(), stored.replace("sh=", "sh=/upgraded"));

        Sandboxes.Facts facts = newRun().facts();

        assertThat(facts.cached()).isFalse();
        assertThat(probes).as("a changed tool identity probes again").hasValue(2);
        assertThat(Files.readString(cacheFile())).doesNotContain("/upgraded");
    }

    @Test
    void aCorruptCacheIsProbedOver() throws IOException {
        Files.createDirectories(cacheFile().getParent());
        Files.writeString(cacheFile(), "{not json");

        assertThat(newRun().facts().cached()).isFalse();
        assertThat(probes).hasValue(1);
        assertThat(newRun().facts().cached()).isTrue();
    }

    @Test
    void aRealSandboxThatFailsToStartDropsTheCacheAndProbesAgainOnce() {
        newRun().facts();
        Sandboxes.Machine run = newRun();
        Sandbox cached = run.choose("auto");
        assertThat(probes).hasValue(1);

        Optional<Sandbox> retry = run.afterFailedStart(cached);

        assertThat(probes).as("one re-probe").hasValue(2);
        assertThat(retry).hasValueSatisfying(s -> assertThat(s.tier()).isEqualTo(Tier.BWRAP));
        assertThat(run.facts().cached()).isFalse();
        assertThat(run.afterFailedStart(retry.get())).as("only once per run").isEmpty();
        assertThat(run.afterFailedStart(cached)).isEmpty();
        assertThat(probes).hasValue(2);
    }

    @Test
    void aFreshlyProbedSandboxThatFailsIsNotProbedAgain() {
        Sandboxes.Machine run = newRun();
        Sandbox fresh = run.choose("auto");

        assertThat(run.afterFailedStart(fresh)).isEmpty();
        assertThat(probes).hasValue(1);
    }

    /** A cache entry whose key matches but that names other programs is not believed. */
    @Test
    void anEntryNamingAnotherBwrapThanThisMachinesIsProbedOver() throws IOException {
        newRun().facts();
        String stored = Files.readString(cacheFile());
        String bwrap = HostTools.find("bwrap").orElse(Path.of("/usr/bin/bwrap")).toString();
        Path fake = dir.resolve("bwrap");
        Files.copy(Path.of("/bin/true"), fake);
        Files.writeString(cacheFile(), stored.replace("\"bwrap\" : \"" + bwrap + "\"", "\"bwrap\" : \"" + fake + "\""));
        assertThat(Files.readString(cacheFile())).contains(fake.toString());

        Sandboxes.Facts facts = newRun().facts();

        assertThat(facts.cached()).isFalse();
        assertThat(probes).hasValue(2);
        assertThat(Files.readString(cacheFile())).doesNotContain(fake.toString());
    }

    @Test
    void anEntryClaimingAnIdentityThisUserIsNeverProbedForIsProbedOver() throws IOException {
        newRun().facts();
        String other = IDENTITY == BwrapSandbox.Identity.CALLER ? "NOBODY" : "CALLER";
        String stored = Files.readString(cacheFile());
        Files.writeString(
                cacheFile(), stored.replace("\"identity\" : \"" + IDENTITY + "\"", "\"identity\" : \"" + other + "\""));

        assertThat(newRun().facts().cached()).isFalse();
        assertThat(probes).hasValue(2);
    }

    @Test
    void aCacheFileOthersCouldHaveWrittenIsIgnored() throws IOException {
        newRun().facts();
        Files.setPosixFilePermissions(cacheFile(), PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(newRun().facts().cached()).as("world-writable file").isFalse();
        assertThat(probes).hasValue(2);

        // rewritten by that probe, privately
        assertThat(Files.getPosixFilePermissions(cacheFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(cacheFile().getParent(), PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(newRun().facts().cached())
                .as("group-writable folder (umask 002)")
                .isFalse();
        assertThat(probes).hasValue(3);
        assertThat(Files.getPosixFilePermissions(cacheFile().getParent()))
                .as("group write taken off our own folder by that probe's write")
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(newRun().facts().cached()).isTrue();
        assertThat(probes).hasValue(3);
    }

    @Test
    void aCacheFileThatIsALinkIsIgnored() throws IOException {
        newRun().facts();
        Path elsewhere = dir.resolve("elsewhere.json");
        Files.move(cacheFile(), elsewhere);
        Files.createSymbolicLink(cacheFile(), elsewhere);

        assertThat(newRun().facts().cached()).isFalse();
        assertThat(probes).hasValue(2);
    }

    @Test
    void aCacheFileOwnedBySomeoneElseIsIgnored() throws IOException {
        assumeTrue(HostTools.isRoot(), "only root can give a file away");
        newRun().facts();
        Files.setAttribute(cacheFile(), "unix:uid", HostTools.NOBODY);

        assertThat(newRun().facts().cached()).isFalse();
        assertThat(probes).hasValue(2);
    }

    @Test
    void aHugeOrBinaryCacheFileIsIgnored() throws IOException {
        Files.createDirectories(cacheFile().getParent());
        Files.write(cacheFile(), new byte[1024 * 1024]);

        assertThat(newRun().facts().cached()).isFalse();
        assertThat(probes).hasValue(1);
        assertThat(newRun().facts().cached()).isTrue();
    }
}
