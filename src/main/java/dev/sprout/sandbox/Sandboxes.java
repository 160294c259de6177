package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.sprout.process.HostCommand;

/**
 * Picks the strongest sandbox that works here, or the one asked for by name. Whether bwrap
 * works is probed by running the real sandbox command line, once per machine: the answer is
 * kept in {@link ProbeCache} and probed again when a tool or the kernel changes, or when a real
 * sandbox from cached facts fails to start ({@link #afterFailedStart}).
 */
public final class Sandboxes {

    private Sandboxes() {}

    /**
     * What the probe learned about this machine.
     *
     * @param cached whether it came from {@link ProbeCache} rather than a probe in this JVM
     */
    record Facts(BwrapProbe.Result bwrap, Optional<LauncherSandbox.Tools> launcher, boolean cached) {}

    /** Probes run at most when first needed, so commands that grade nothing never probe. */
    private static final class Holder {
        static final Machine MACHINE =
                new Machine(ProbeCache.forUser(System.getenv()), Sandboxes::probe, Sandboxes::bwrapVersion);
    }

    private static Facts probe() {
        return new Facts(
                BwrapProbe.run(), HostTools.isLinux() ? LauncherSandbox.Tools.locate() : Optional.empty(), false);
    }

    private static String bwrapVersion() {
        return HostTools.find("bwrap")
                .map(bwrap -> HostCommand.of(bwrap.toString(), "--version")
                        .mergeStderr()
                        .outputCap(4096)
                        .timeout(Duration.ofSeconds(10))
                        .run()
                        .stdout()
                        .strip())
                .orElse("");
    }

    /**
     * This machine's sandboxing abilities: read from {@link ProbeCache} when its key still
     * matches, else probed (bwrap --help, a probe sandbox, setpriv --help: tens of ms) and
     * remembered. A real sandbox that will not start makes it probe again, once per JVM.
     */
    static final class Machine {
        private final ProbeCache cache;
        private final Supplier<Facts> prober;
        private final Supplier<String> bwrapVersion;
        private Facts facts;
        private boolean reprobed;
        /** Sandboxes handed out from cached facts, with the name they were asked for. */
        private final Map<Sandbox, String> fromCache = new IdentityHashMap<>();

        Machine(ProbeCache cache, Supplier<Facts> prober, Supplier<String> bwrapVersion) {
            this.cache = cache;
            this.prober = prober;
            this.bwrapVersion = bwrapVersion;
        }

        synchronized Facts facts() {
            if (facts == null) {
                String key = ProbeCache.machineKey();
                facts = cache.get(key).orElseGet(() -> probeAndRemember(key));
            }
            return facts;
        }

        private Facts probeAndRemember(String key) {
            Facts fresh = prober.get();
            cache.put(key, fresh, fresh.bwrap().sandbox().isPresent() ? bwrapVersion.get() : "");
            return fresh;
        }

        /** Probes now whatever the cache says, and remembers the answer ({@code sprout doctor}). */
        synchronized Facts probeNow() {
            facts = probeAndRemember(ProbeCache.machineKey());
            return facts;
        }

        Sandbox choose(String requested) {
            Facts current = facts();
            Sandbox sandbox = Sandboxes.choose(requested, current);
            if (current.cached() && sandbox.tier() != Tier.NONE) {
                synchronized (this) {
                    fromCache.put(sandbox, requested);
                }
            }
            return sandbox;
        }

        /**
         * @return the sandbox to try once more with, when {@code failed} was chosen from cached
         *         facts: the cache entry is dropped and the machine probed again; empty when the
         *         facts were fresh already, when this JVM re-probed before, or when the tier it
         *         would now choose differs (the next run says so with the new tier's warning)
         */
        Optional<Sandbox> afterFailedStart(Sandbox failed) {
            String requested;
            synchronized (this) {
                requested = fromCache.remove(failed);
                if (requested == null || reprobed) {
                    return Optional.empty();
                }
                reprobed = true;
                fromCache.clear();
                cache.drop();
            }
            probeNow();
            try {
                Sandbox again = Sandboxes.choose(requested, facts);
                return again.tier() == failed.tier() ? Optional.of(again) : Optional.empty();
            } catch (SandboxUnavailableException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * @param requested "auto", "bwrap", "launcher" or "none" (the {@code --sandbox} option)
     * @return a sandbox of that tier; for "auto", the strongest that works here
     * @throws SandboxUnavailableException when the named tier cannot work on this machine
     * @throws IllegalArgumentException    for any other name
     */
    public static Sandbox choose(String requested) {
        String name = requested.strip().toLowerCase(Locale.ROOT);
        if (name.equals("none")) {
            // no probe, no cache read: nothing is isolated
            return new NoSandbox();
        }
        if (!List.of("auto", "bwrap", "launcher").contains(name)) {
            throw new IllegalArgumentException(
                    "unknown sandbox '" + requested + "': use auto, bwrap, launcher or none");
        }
        return Holder.MACHINE.choose(requested);
    }

    /**
     * The real sandbox {@code failed} to start a program (it never said hello). When its tier
     * came from the probe cache, the machine may have changed in a way the cache key does not
     * see: the entry is dropped and the machine probed again, once per JVM.
     *
     * @return the sandbox to retry with, if a retry makes sense
     */
    public static Optional<Sandbox> afterFailedStart(Sandbox failed) {
        return Holder.MACHINE.afterFailedStart(failed);
    }

    static Sandbox choose(String requested, Facts facts) {
        String name = requested.strip().toLowerCase(Locale.ROOT);
        BwrapProbe.Result bwrap = facts.bwrap();
        switch (name) {
            case "auto":
                return bwrap.sandbox()
                        .<Sandbox>map(s -> s)
                        .or(() -> launcher(facts))
                        .orElseGet(NoSandbox::new);
            case "bwrap":
                return bwrap.sandbox()
                        .orElseThrow(() -> new SandboxUnavailableException(
                                "The bwrap sandbox (tier A) does not work here: " + bwrap.reason()
                                        + bwrap.stderr()
                                                .map(e -> " bwrap said: " + firstLine(e) + ".")
                                                .orElse("")
                                        + " " + String.join(" ", bwrap.advice())
                                        + " Or choose another sandbox with --sandbox launcher."));
            case "launcher":
                return launcher(facts).orElseThrow(() -> new SandboxUnavailableException(launcherProblem(facts)));
            case "none":
                return new NoSandbox();
            default:
                throw new IllegalArgumentException(
                        "unknown sandbox '" + requested + "': use auto, bwrap, launcher or none");
        }
    }

    /** Which tier "auto" chooses, why, and how to reach tier A; for {@code sprout doctor}, which always probes afresh. */
    public static Diagnosis diagnose() {
        Facts facts = Holder.MACHINE.probeNow();
        BwrapProbe.Result bwrap = facts.bwrap();
        if (bwrap.sandbox().isPresent()) {
            return new Diagnosis(Tier.BWRAP, bwrap.reason(), bwrap.stderr(), bwrap.advice());
        }
        if (launcher(facts).isPresent()) {
            return new Diagnosis(
                    Tier.LAUNCHER,
                    bwrap.reason() + " Using the launcher: own session, limits and "
                            + "tree kill, but no file or network isolation.",
                    bwrap.stderr(),
                    bwrap.advice());
        }
        List<String> advice = new ArrayList<>(bwrap.advice());
        String why = HostTools.isLinux()
                ? launcherProblem(facts)
                : "This is not Linux, so only time, output and " + "process-tree limits apply.";
        return new Diagnosis(Tier.NONE, why, bwrap.stderr(), advice);
    }

    /**
     * A fresh, empty directory for one submission's files (its sourceDir, scratchDir and
     * harness). The sandbox user may pass through it but not list it, so paths under it work on
     * every tier even when sprout runs as root and learner code runs as nobody. The caller
     * deletes it when the submission is graded; {@link WorkDirs} deletes it if sprout stops first.
     */
    public static Path newWorkspace() throws IOException {
        Path base =
                Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        // registered so that no copy of the learner's code outlives sprout, Ctrl-C or kill included
        Path dir = WorkDirs.create(base);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        return dir;
    }

    private static Optional<Sandbox> launcher(Facts facts) {
        boolean root = HostTools.isRoot();
        return facts.launcher()
                .filter(tools -> !root || tools.setpriv().isPresent())
                .map(tools -> new LauncherSandbox(tools, root));
    }

    private static String launcherProblem(Facts facts) {
        if (!HostTools.isLinux()) {
            return "The launcher sandbox (tier B) needs Linux; this is " + System.getProperty("os.name") + ".";
        }
        if (facts.launcher().isEmpty()) {
            return "The launcher sandbox (tier B) needs the setsid program (util-linux), which is missing: "
                    + "sudo apt-get install util-linux.";
        }
        return "The launcher sandbox (tier B) needs the setpriv program (util-linux) to keep learner code from "
                + "running as root: sudo apt-get install util-linux, or run sprout as an ordinary user.";
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
