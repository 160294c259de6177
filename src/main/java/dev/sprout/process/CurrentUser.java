package dev.sprout.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Who this JVM runs as: what private folders and caches are checked against. */
public final class CurrentUser {

    private CurrentUser() {}

    /**
     * The effective uid: the owner of /proc/self (Linux, no extra classes loaded), else asked of
     * the JDK's Unix module; empty where neither knows.
     */
    public static OptionalInt uid() {
        try {
            return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            try {
                return OptionalInt.of((int) new com.sun.security.auth.module.UnixSystem().getUid());
            } catch (RuntimeException | LinkageError notUnix) {
                return OptionalInt.empty();
            }
        }
    }

    /** {@link #uid()}, or -1 when unknown (never equal to a file's owner). */
    public static int uidOrUnknown() {
        return uid().orElse(-1);
    }
}
