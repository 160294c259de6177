package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tries the real bwrap command line once (running {@code true} inside) and explains a failure.
 * The probe uses exactly the flags a grading uses, so "works" means works for learner code.
 */
final class BwrapProbe {

    static final String APPARMOR_SYSCTL = "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0";
    static final String APPARMOR_PROFILE = "sudo apt-get install apparmor-profiles && "
            + "sudo install -m 0644 /usr/share/apparmor/extra-profiles/bwrap-userns-restrict /etc/apparmor.d/ && "
            + "sudo apparmor_parser -r /etc/apparmor.d/bwrap-userns-restrict";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int STDERR_CAP = 8 * 1024;

    /**
     * @param sandbox the working tier-A sandbox, if any
     * @param reason  why tier A is or is not available, for the user
     * @param stderr  what bwrap printed when it failed
     * @param advice  steps towards (full) tier A
     */
    record Result(Optional<BwrapSandbox> sandbox, String reason, Optional<String> stderr, List<String> advice) {}

    private BwrapProbe() {}

    static Result run() {
        try {
            return probe();
        } catch (RuntimeException e) {
            return new Result(
                    Optional.empty(),
                    "bubblewrap could not be tested: " + e.getMessage(),
                    Optional.empty(),
                    List.of("Check that the temp directory (/tmp) is writable."));
        }
    }

    private static Result probe() {
        if (!HostTools.isLinux()) {
            return new Result(
                    Optional.empty(),
                    "bubblewrap needs Linux; this is " + System.getProperty("os.name") + ".",
                    Optional.empty(),
                    List.of("Grade on Linux (a VM, WSL 2 or a Linux CI runner) with bubblewrap installed."));
        }
        Optional<BwrapSandbox.Tools> located = BwrapSandbox.Tools.locate();
        if (located.isEmpty()) {
            return new Result(
                    Optional.empty(),
                    "bubblewrap (bwrap) is not installed.",
                    Optional.empty(),
                    List.of("Install bubblewrap: sudo apt-get install bubblewrap "
                            + "(Fedora: sudo dnf install bubblewrap; Arch: sudo pacman -S bubblewrap)."));
        }
        BwrapSandbox.Tools tools = located.get();
        if (!HostTools.isRoot()) {
            Optional<String> error = attempt(new BwrapSandbox(tools, BwrapSandbox.Identity.CALLER));
            if (error.isEmpty()) {
                return new Result(
                        Optional.of(new BwrapSandbox(tools, BwrapSandbox.Identity.CALLER)),
                        "bubblewrap works here: learner code runs in its own namespaces with no network.",
                        Optional.empty(),
                        List.of());
            }
            return new Result(
                    Optional.empty(),
                    "bubblewrap is installed but cannot create its sandbox here.",
                    error,
                    adviceFor(error.get()));
        }

        Optional<String> dropError = tools.setpriv().isPresent()
                ? attempt(new BwrapSandbox(tools, BwrapSandbox.Identity.NOBODY))
                : Optional.of("setpriv (util-linux) is not installed, so bwrap cannot be started as user nobody.");
        if (dropError.isEmpty()) {
            return new Result(
                    Optional.of(new BwrapSandbox(tools, BwrapSandbox.Identity.NOBODY)),
                    "bubblewrap works here; sprout runs as root, so learner code runs as user 65534 (nobody).",
                    Optional.empty(),
                    List.of());
        }
        Optional<String> mappedError = attempt(new BwrapSandbox(tools, BwrapSandbox.Identity.MAPPED_NOBODY));
        if (mappedError.isEmpty()) {
            List<String> advice =
                    new ArrayList<>(List.of("Allow unprivileged user namespaces so bwrap can run as user nobody, "
                            + "or run sprout as an ordinary user instead of root."));
            advice.addAll(adviceFor(dropError.get()));
            return new Result(
                    Optional.of(new BwrapSandbox(tools, BwrapSandbox.Identity.MAPPED_NOBODY)),
                    "bubblewrap works, but only as root: learner code appears as uid 65534 inside yet keeps "
                            + "root's kernel uid, so the process-count limit (fork bombs) is not enforced.",
                    dropError,
                    advice);
        }
        return new Result(
                Optional.empty(),
                "bubblewrap is installed but cannot create its sandbox here, even as root.",
                mappedError,
                adviceFor(mappedError.get()));
    }

    /** Runs {@code true} in the sandbox; empty when it worked, else what went wrong. */
    static Optional<String> attempt(BwrapSandbox sandbox) {
        Optional<Path> trueProgram = HostTools.find("true").filter(p -> p.startsWith("/usr") || p.startsWith("/bin"));
        if (trueProgram.isEmpty()) {
            return Optional.of("cannot find /usr/bin/true to test bwrap with");
        }
        Path dir = SupportFiles.get().etc("hosts").getParent();
        SandboxRequest request = new SandboxRequest(
                List.of(trueProgram.get().toString()),
                dir,
                dir.resolveSibling("probe-scratch"),
                List.of(),
                Map.of(),
                Limits.DEFAULTS);
        try (SandboxedProcess process = sandbox.start(request)) {
            Optional<Integer> exit = process.waitFor(TIMEOUT);
            if (exit.isEmpty()) {
                return Optional.of("bwrap did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            String stderr = new String(process.stderr().readNBytes(STDERR_CAP), StandardCharsets.UTF_8).strip();
            if (exit.get() == 0) {
                return Optional.empty();
            }
            return Optional.of(stderr.isEmpty() ? "bwrap exited with status " + exit.get() : stderr);
        } catch (IOException e) {
            return Optional.of("could not run bwrap: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while testing bwrap");
        }
    }

    /** What to do about bwrap's complaint, recognising the common restrictions. */
    static List<String> adviceFor(String stderr) {
        if (stderr.contains("setting up uid map: Permission denied")
                || stderr.contains("loopback: Failed RTM_NEWADDR")) {
            return List.of(
                    "AppArmor restricts unprivileged user namespaces here (Ubuntu 23.10+, "
                            + "GitHub's ubuntu-24.04 runners), which stops bwrap.",
                    "Either lift the restriction (fine on a CI runner): " + APPARMOR_SYSCTL,
                    "or allow only bwrap with Ubuntu's bwrap-userns-restrict profile: " + APPARMOR_PROFILE);
        }
        if (stderr.contains("unprivileged_userns_clone") || stderr.contains("No permissions to create")) {
            return List.of("The kernel forbids unprivileged user namespaces: "
                    + "sudo sysctl -w kernel.unprivileged_userns_clone=1");
        }
        if (stderr.contains("No space left on device")) {
            return List.of("User namespaces are switched off (user.max_user_namespaces is 0): "
                    + "sudo sysctl -w user.max_user_namespaces=15000");
        }
        if (stderr.contains("Operation not permitted")) {
            return List.of("Something (often a container's seccomp or AppArmor profile) forbids namespaces. "
                    + "For Docker, run the container with --security-opt seccomp=unconfined "
                    + "--security-opt apparmor=unconfined, or grade outside the container.");
        }
        return List.of("bwrap failed in an unexpected way; try it by hand: "
                + "bwrap --unshare-all --unshare-user --ro-bind /usr /usr --symlink usr/lib64 /lib64 /usr/bin/true");
    }
}
