package dev.sprout.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the JVM's pipes to a tier A program out of bubblewrap's own processes. bwrap's pid 1
 * (the init that reaps inside the pid namespace) closes its fds from 3 up but keeps 0, 1 and 2;
 * when sprout is an ordinary user, pid 1 is the same user as learner code and dumpable, so
 * learner code could reopen {@code /proc/1/fd/1} and write replies the JVM takes as the
 * harness's (issue #12, item 4). So a shell in front of everything parks stdin and stdout on
 * {@value #IN_FD}/{@value #OUT_FD} and gives bwrap {@code /dev/null} instead; pid 1 closes the
 * parked fds; and a shell inside, in front of the program, puts them back on 0/1 and closes the
 * parked ones. The program (the harness, GraalPy's worker, a `sprout run` program) sees its
 * stdio as before, and no process but the program holds the channel.
 *
 * <p>Stderr stays where it is: bwrap reports its own start-up failures there ("setting up uid
 * map: Permission denied", see {@link Diagnosis}), so pid 1 keeps it, and learner code can write
 * text into it. The JVM only ever shows that text in a diagnosis; it never parses it as protocol.
 */
final class ChannelShim {

    /** Not 3: the seccomp filter is handed to bwrap on fd 3 (see BwrapSandbox). */
    static final int IN_FD = 4;

    static final int OUT_FD = 5;

    private static final String PARK =
            "exec " + IN_FD + "<&0 " + OUT_FD + ">&1 </dev/null >/dev/null; exec \"$0\" \"$@\"";
    /**
     * {@link #PARK} and the seccomp filter's opener in one shell ({@code $1} is the filter's file,
     * opened on fd 3; exit 125 when it cannot be): one process fewer on every sandbox start.
     */
    private static final String PARK_WITH_FILTER = "exec 3<\"$1\" || exit 125; exec " + IN_FD + "<&0 " + OUT_FD
            + ">&1 </dev/null >/dev/null; shift; exec \"$@\"";

    private static final String RESTORE =
            "exec <&" + IN_FD + " >&" + OUT_FD + " " + IN_FD + "<&- " + OUT_FD + ">&-; exec \"$0\" \"$@\"";

    private ChannelShim() {}

    /** Goes first on the host command line: what follows (bwrap) gets /dev/null on 0/1. */
    static List<String> park(Path sh) {
        return List.of(sh.toString(), "-c", PARK);
    }

    /** As {@link #park}, and opens the seccomp filter {@code filter} on fd 3 for bwrap in the same shell. */
    static List<String> park(Path sh, Path filter) {
        return List.of(sh.toString(), "-c", PARK_WITH_FILTER, "sprout-seccomp", filter.toString());
    }

    /** Goes first inside the sandbox, right after bwrap's {@code --}: the program gets its stdio back. */
    static List<String> restore(Path sh) {
        return List.of(sh.toString(), "-c", RESTORE);
    }
}
