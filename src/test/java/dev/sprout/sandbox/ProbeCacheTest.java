package dev.sprout.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Path cacheFile() {
        return dir.resolve("sprout").resolve("sandbox.json");
    }

    /** A new JVM's view of the machine: same cache file, fresh memory. */
    private Sandboxes.Machine newRun() {
        return new Sandboxes.Machine(
                new ProbeCache(Optional.of(cacheFile())),
                () -> {
                    probes.incrementAndGet();
                    BwrapSandbox.Tools tools = new BwrapSandbox.Tools(
                            Path.of("/usr/bin/bwrap"),
                            Path.of("/bin/sh"),
                            Optional.of(Path.of("/usr/bin/setpriv")),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(Path.of("/usr/bin/prlimit")),
                            true,
                            false);
                    return new Sandboxes.Facts(
                            new BwrapProbe.Result(
                                    Optional.of(new BwrapSandbox(tools, BwrapSandbox.Identity.NOBODY)),
                                    "bubblewrap works here",
                                    Optional.empty(),
                                    List.of()),
                            Optional.of(new LauncherSandbox.Tools(
                                    Path.of("/usr/bin/setsid"),
                                    Optional.of(Path.of("/usr/bin/setpriv")),
                                    true,
                                    Optional.empty())),
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
                .contains("\"identity\" : \"NOBODY\"");
        assertThat(Files.list(cacheFile().getParent()))
                .as("written atomically: no temp file left")
                .hasSize(1);

        Sandboxes.Machine second = newRun();
        Sandbox again = second.choose("auto");

        assertThat(probes).as("the second run read the cache").hasValue(1);
        assertThat(second.facts().cached()).isTrue();
        assertThat(again.tier()).isEqualTo(Tier.BWRAP);
        BwrapSandbox bwrap = (BwrapSandbox) again;
        assertThat(bwrap.identity()).isEqualTo(BwrapSandbox.Identity.NOBODY);
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
}
