package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the strongest sandbox that works here, or the one asked for by name. Whether bwrap
 * works is probed once per JVM (about 10 ms), by running the real sandbox command line.
 */
public final class Sandboxes {

    private Sandboxes() {
    }

    private static final class Probe {
        static final BwrapProbe.Result BWRAP = BwrapProbe.run();
        static final Optional<LauncherSandbox.Tools> LAUNCHER =
                HostTools.isLinux() ? LauncherSandbox.Tools.locate() : Optional.empty();
    }

    /**
     * @param requested "auto", "bwrap", "launcher" or "none" (the {@code --sandbox} option)
     * @return a sandbox of that tier; for "auto", the strongest that works here
     * @throws SandboxUnavailableException when the named tier cannot work on this machine
     * @throws IllegalArgumentException    for any other name
     */
    public static Sandbox choose(String requested) {
        String name = requested.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case "auto":
                return Probe.BWRAP.sandbox().<Sandbox>map(s -> s)
                        .or(Sandboxes::launcher)
                        .orElseGet(NoSandbox::new);
            case "bwrap":
                return Probe.BWRAP.sandbox().orElseThrow(() -> new SandboxUnavailableException(
                        "The bwrap sandbox (tier A) does not work here: " + Probe.BWRAP.reason()
                                + Probe.BWRAP.stderr().map(e -> " bwrap said: " + firstLine(e) + ".").orElse("")
                                + " " + String.join(" ", Probe.BWRAP.advice())
                                + " Or choose another sandbox with --sandbox launcher."));
            case "launcher":
                return launcher().orElseThrow(() -> new SandboxUnavailableException(launcherProblem()));
            case "none":
                return new NoSandbox();
            default:
                throw new IllegalArgumentException(
                        "unknown sandbox '" + requested + "': use auto, bwrap, launcher or none");
        }
    }

    /** Which tier "auto" chooses, why, and how to reach tier A; for {@code sprout doctor}. */
    public static Diagnosis diagnose() {
        BwrapProbe.Result bwrap = Probe.BWRAP;
        if (bwrap.sandbox().isPresent()) {
            return new Diagnosis(Tier.BWRAP, bwrap.reason(), bwrap.stderr(), bwrap.advice());
        }
        if (launcher().isPresent()) {
            return new Diagnosis(Tier.LAUNCHER, bwrap.reason() + " Using the launcher: own session, limits and "
                    + "tree kill, but no file or network isolation.", bwrap.stderr(), bwrap.advice());
        }
        List<String> advice = new ArrayList<>(bwrap.advice());
        String why = HostTools.isLinux() ? launcherProblem() : "This is not Linux, so only time, output and "
                + "process-tree limits apply.";
        return new Diagnosis(Tier.NONE, why, bwrap.stderr(), advice);
    }

    /**
     * A fresh, empty directory for one submission's files (its sourceDir, scratchDir and
     * harness). The sandbox user may pass through it but not list it, so paths under it work on
     * every tier even when sprout runs as root and learner code runs as nobody. The caller
     * deletes it when the submission is graded; {@link WorkDirs} deletes it if sprout stops first.
     */
    public static Path newWorkspace() throws IOException {
        Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        // registered so that no copy of the learner's code outlives sprout, Ctrl-C or kill included
        Path dir = WorkDirs.create(base);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        return dir;
    }

    private static Optional<Sandbox> launcher() {
        boolean root = HostTools.isRoot();
        return Probe.LAUNCHER
                .filter(tools -> !root || tools.setpriv().isPresent())
                .map(tools -> new LauncherSandbox(tools, root));
    }

    private static String launcherProblem() {
        if (!HostTools.isLinux()) {
            return "The launcher sandbox (tier B) needs Linux; this is " + System.getProperty("os.name") + ".";
        }
        if (Probe.LAUNCHER.isEmpty()) {
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
