package dev.sprout.report;

import java.util.Map;

/** ANSI colours, only on a terminal and only when NO_COLOR is unset (https://no-color.org). */
public final class Style {

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    public static Style plain() {
        return new Style(false);
    }

    public static Style detect(Map<String, String> environment, boolean terminal) {
        String noColor = environment.get("NO_COLOR");
        boolean dumb = "dumb".equals(environment.get("TERM"));
        return new Style(terminal && !dumb && (noColor == null || noColor.isEmpty()));
    }

    public boolean enabled() {
        return enabled;
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    private String wrap(String code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
