package dev.sprout.process;

/**
 * Shutdown hooks that may be asked for while the JVM is already stopping (a watch quitting while
 * its check starts a sandbox, a client hanging up on the warm server): the JDK then throws
 * {@link IllegalStateException}, which in a static initializer would break the class for good.
 */
public final class ExitHooks {

    private ExitHooks() {}

    /** Registers {@code hook}; false when the JVM is already stopping (the hook will not run). */
    public static boolean add(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException stopping) {
            return false;
        }
    }

    /** Unregisters {@code hook}; quietly does nothing while the hooks are running. */
    public static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the hook is running or has run
        }
    }
}
