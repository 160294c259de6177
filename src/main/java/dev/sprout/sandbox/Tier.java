package dev.sprout.sandbox;

/** How strongly learner code is isolated; chosen by {@link Sandboxes#choose}. */
public enum Tier {
    /** bubblewrap: namespaces, read-only system, private tmpfs, no network. */
    BWRAP("A", "bwrap"),
    /** own session, rlimits, subreaper, parent-death signal; no file or network isolation. */
    LAUNCHER("B", "launcher"),
    /** timeouts, output caps and tree kill only. */
    NONE("C", "none");

    private final String letter;
    private final String optionName;

    Tier(String letter, String optionName) {
        this.letter = letter;
        this.optionName = optionName;
    }

    public String letter() {
        return letter;
    }

    public String optionName() {
        return optionName;
    }
}
