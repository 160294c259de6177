package dev.sprout.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.sprout.process.CurrentUser;
import dev.sprout.process.HostCommand;

/** Facts about the host: its OS, our uid, and where its system tools live. */
final class HostTools {

    /** The uid and gid learner code runs as on tier A when the JVM is root ("nobody"/"nogroup"); tier B uses {@link SandboxUsers}. */
    static final int NOBODY = 65534;

    // System directories come first so a learner-controlled PATH entry can never shadow bwrap.
    private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

    /** A --help that takes longer than this is from a tool too broken to use. */
    private static final Duration HELP_TIMEOUT = Duration.ofSeconds(10);

    private HostTools() {}

    /**
     * What {@code tool --help} says, stdout and stderr together; empty when it cannot be run.
     * Probes which options the installed version has.
     */
    static String helpText(Path tool) {
        return HostCommand.of(tool.toString(), "--help")
                .mergeStderr()
                .outputCap(64 * 1024)
                .timeout(HELP_TIMEOUT)
                .run()
                .stdout();
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    static int uid() {
        return CurrentUser.uidOrUnknown();
    }

    static boolean isRoot() {
        return uid() == 0;
    }

    /** An executable named {@code name}: system directories first, then the JVM's PATH. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(SYSTEM_DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
