package dev.sprout.sandbox;

/** How the JVM starts processes, chosen once before the first one starts. */
public final class ProcessLaunch {

    private static final String MECHANISM = "jdk.lang.Process.launchMechanism";

    private ProcessLaunch() {}

    /**
     * On Java 21 and older, vfork: it starts a sandbox about a millisecond sooner than the default
     * posix_spawn, which execs a helper program first. Later Java versions deprecate vfork and
     * warn about it, so they keep their default; an explicit choice always wins. Call before any
     * process starts: the JDK reads the setting once.
     */
    public static void configure() {
        if (System.getProperty(MECHANISM) == null
                && Runtime.version().feature() <= 21
                && System.getProperty("os.name", "").startsWith("Linux")) {
            System.setProperty(MECHANISM, "VFORK");
        }
    }
}
