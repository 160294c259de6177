package dev.sprout.report;

/**
 * Learner-derived text (messages, printed output, values, student folder names) made inert for
 * the medium it is shown in. Learner code chooses these strings, so each medium gets the
 * escaping that keeps it from being read as anything but text.
 */
public final class Escape {

    private Escape() {}

    /**
     * For a terminal (and any plain text a person reads): control characters, ESC among them, and
     * the bidirectional overrides become visible symbols (␛, ␍, ␀, \u202e…), so learner text cannot
     * move the cursor, recolour or retitle a mentor's terminal, or hide what it says. Newlines and
     * tabs stay.
     */
    public static String terminal(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = visible(c);
            if (shown != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (shown != null) {
                    out.append(shown);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@link #terminal} on one line: a newline shows as ␊ (a student folder's name must not start a line of its own). */
    public static String line(String text) {
        return terminal(text).replace("\n", "␊");
    }

    /** The visible form of a character a terminal would act on, or null when it is plain text. */
    private static String visible(char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c < 0x20) {
            return String.valueOf((char) (0x2400 + c));
        }
        if (c == 0x7f) {
            return "␡";
        }
        if ((c >= 0x80 && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e
                || c == 0x200f
                || c == 0x061c) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    /**
     * For the log of a GitHub Actions job, which the runner scans for workflow commands: a line
     * that starts, after any spaces, with {@code ::} or {@code ##[} gets a visible {@code › } in
     * front, so {@code ::set-output}, {@code ::add-mask} or {@code ::stop-commands} from learner code
     * stay text. Apply to a whole report whose own lines never start that way.
     */
    public static String workflowLog(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            String line = text.substring(start, end);
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("::") || trimmed.startsWith("##[")) {
                int indent = line.length() - trimmed.length();
                out.append(line, 0, indent).append("› ").append(trimmed);
            } else {
                out.append(line);
            }
            start = end;
        }
        return out.toString();
    }

    /**
     * For a Markdown table cell (GitHub's job summary): one line; {@code & < >} as entities so no
     * HTML gets through; Markdown's punctuation backslash-escaped so nothing becomes a link,
     * an image, emphasis, code, maths or a cell border.
     */
    public static String markdownCell(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        String plain = terminal(text);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n', '\t' -> out.append(' ');
                default -> {
                    if (MARKDOWN.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** For a Markdown code span in a table cell: no backtick to end it, no pipe to split the cell, one line. */
    public static String markdownCode(String text) {
        return terminal(text)
                .replace("`", "'")
                .replace("|", "\\|")
                .replace('\n', ' ')
                .replace('\t', ' ');
    }

    /**
     * What makes Markdown out of text inside a cell: escapes, code, emphasis, links and images (their
     * brackets), the cell border, strikethrough and GitHub's math. Bare URLs still become links.
     */
    private static final String MARKDOWN = "\\`*_[]|~$";

    /**
     * For XML text and attributes: characters XML 1.0 cannot hold at all (most control characters,
     * U+FFFE, U+FFFF, lone surrogates) become visible symbols instead of making the document unreadable.
     */
    public static String xml(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean valid = c == '\t'
                    || c == '\n'
                    || c == '\r'
                    || (c >= 0x20 && c <= 0xd7ff)
                    || (c >= 0xe000 && c <= 0xfffd)
                    || pair;
            if (!valid && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(valid ? String.valueOf(c) : c < 0x20 ? String.valueOf((char) (0x2400 + c)) : "\uFFFD");
                if (pair) {
                    out.append(text.charAt(++i));
                }
            } else if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }
}
