package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Tier B: Linux without a working bwrap. The program runs in its own session (so
 * {@code killpg(0)} cannot reach the JVM, and the session is killed as a group), with a
 * parent-death signal, no new privileges (setuid programs stay powerless), no core dumps and a
 * bounded number of open files. {@value #SUBREAPER_ENV}=1 asks the harness to make itself a
 * child subreaper, so a learner's double-forked daemon stays its descendant and dies with the
 * tree. Nothing hides the machine's files or network.
 *
 * <p>When the JVM is root, each sandbox runs as a user id of its own ({@link SandboxUsers}), not
 * as nobody: submissions graded side by side cannot read, write, signal or trace each other, nor
 * any other process of nobody's, and closing the sandbox kills every process of that id. The
 * learner's private copy is readable by that id's group only; the scratch dir is its own.
 */
final class LauncherSandbox implements Sandbox {

    /** Set in the program's environment; the harness then calls prctl(PR_SET_CHILD_SUBREAPER). */
    static final String SUBREAPER_ENV = "SPROUT_SUBREAPER";

    /** Host programs this tier uses; setpriv is optional for an ordinary user, required for root. */
    record Tools(Path setsid, Optional<Path> setpriv, boolean setprivPdeathsig, Optional<Path> prlimit) {

        static Optional<Tools> locate() {
            Optional<Path> setsid = HostTools.find("setsid");
            if (setsid.isEmpty()) {
                return Optional.empty();
            }
            Optional<Path> setpriv = HostTools.find("setpriv");
            return Optional.of(new Tools(
                    setsid.get(),
                    setpriv,
                    setpriv.map(LauncherSandbox::knowsPdeathsig).orElse(false),
                    HostTools.find("prlimit")));
        }
    }

    private final Tools tools;
    private final boolean dropToNobody;

    LauncherSandbox(Tools tools, boolean dropToNobody) {
        if (dropToNobody && tools.setpriv().isEmpty()) {
            throw new IllegalArgumentException("dropping to nobody needs setpriv");
        }
        this.tools = tools;
        this.dropToNobody = dropToNobody;
    }

    @Override
    public Tier tier() {
        return Tier.LAUNCHER;
    }

    @Override
    public Optional<String> warning() {
        return Optional.of("warning: sandbox tier B (launcher): no file or network isolation; learner code can "
                + "read this machine's files and use its network."
                + (dropToNobody ? "" : SAME_USER)
                + " Run `sprout doctor` to see how to get tier A.");
    }

    /**
     * Without root the launcher cannot switch users, and there is no pid namespace: learner code
     * runs as sprout's own user and may open /proc/JVM-PID/fd (a JVM is dumpable), reaching the
     * harness's channel and writing replies the JVM takes as results. Nothing here can close that.
     */
    static final String SAME_USER = " Learner code also runs as your own user, so it can reach sprout itself: "
            + "it can read other submissions and the graders' expected values, and fake its own results.";

    @Override
    public SandboxedProcess start(SandboxRequest request) throws IOException {
        OptionalInt user = dropToNobody ? OptionalInt.of(SandboxUsers.allocate()) : OptionalInt.empty();
        Runnable afterExit = () -> user.ifPresent(SandboxUsers::killAllAndRelease);
        List<String> argv;
        try {
            argv = commandLine(request, user);
        } catch (IOException | RuntimeException e) {
            afterExit.run();
            throw e;
        }
        Map<String, String> environment = new HashMap<>(request.environment());
        environment.put(SUBREAPER_ENV, "1");
        return HostProcess.start(argv, environment, request.scratchDir(), HostProcess.Containment.HOST, afterExit);
    }

    /** @param user the sandbox's own user and group id when the JVM is root; empty to run as the JVM's user */
    List<String> commandLine(SandboxRequest request, OptionalInt user) throws IOException {
        String program = request.command().isEmpty() ? "" : request.command().get(0);
        if (!Path.of(program).isAbsolute()) {
            throw new IOException("the sandbox needs the program as an absolute path, got '" + program + "'");
        }
        Files.createDirectories(request.scratchDir());
        if (user.isPresent()) {
            int id = user.getAsInt();
            NobodyAccess.shareWithGroupOnly(request.sourceDir(), id);
            NobodyAccess.giveTo(request.scratchDir(), id);
            List<Path> needed = new ArrayList<>(request.readOnlyPaths());
            needed.add(Path.of(program));
            for (Path path : needed) {
                if (NobodyAccess.reach(path, id) != NobodyAccess.Reach.READABLE) {
                    throw new IOException(unreachable(path));
                }
            }
            for (Path path : List.of(request.sourceDir(), request.scratchDir())) {
                if (!NobodyAccess.canWalkTo(path, id)) {
                    throw new IOException(unreachable(path));
                }
            }
        }
        List<String> argv = new ArrayList<>(List.of(tools.setsid().toString()));
        if (tools.setpriv().isPresent()) {
            argv.add(tools.setpriv().get().toString());
            if (user.isPresent()) {
                argv.addAll(List.of("--reuid=" + user.getAsInt(), "--regid=" + user.getAsInt(), "--clear-groups"));
            }
            argv.add("--no-new-privs");
            if (tools.setprivPdeathsig()) {
                argv.addAll(List.of("--pdeathsig", "KILL"));
            }
        }
        tools.prlimit()
                .ifPresent(prlimit -> argv.addAll(List.of(prlimit.toString(), "--nofile=1024:4096", "--core=0", "--")));
        argv.addAll(request.command());
        return List.copyOf(argv);
    }

    private static String unreachable(Path path) {
        return "learner code cannot read " + path + ": when sprout runs as root, learner code runs as an "
                + "unprivileged user of its own, so make it and the directories above it readable by others "
                + "(Sandboxes.newWorkspace() makes such a directory), choose an interpreter outside /root "
                + "(such as /usr/bin/python3), or run sprout as an ordinary user";
    }

    private static boolean knowsPdeathsig(Path setpriv) {
        return HostTools.helpText(setpriv).contains("--pdeathsig");
    }
}
