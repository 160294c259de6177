package dev.sprout.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * A unified diff of expected and actual output, with whitespace made visible. Bounded: the output
 * cap allows ~500,000 short lines, and a diff of 80,000 once ran for minutes. Only a window from
 * just before the first differing line goes into the diff, only so many lines come out, each
 * clipped, and a last line says when anything was cut.
 */
final class OutputDiff {

    /** Lines of each side given to the diff: a beginner fixes the first difference first. */
    static final int WINDOW = 200;
    /** Diff lines shown. */
    static final int SHOWN = 40;
    /** Characters shown of one line. */
    static final int WIDTH = 200;

    private static final int CONTEXT = 2;
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(,\\d+)? \\+(\\d+)(,\\d+)? @@");

    private OutputDiff() {}

    static List<String> unified(String expected, String actual) {
        List<String> want = visibleLines(expected);
        List<String> got = visibleLines(actual);
        int same = 0;
        while (same < want.size() && same < got.size() && want.get(same).equals(got.get(same))) {
            same++;
        }
        int from = Math.max(0, same - CONTEXT);
        List<String> wantWindow = want.subList(from, Math.min(want.size(), from + WINDOW));
        List<String> gotWindow = got.subList(from, Math.min(got.size(), from + WINDOW));
        boolean cut = from + WINDOW < want.size() || from + WINDOW < got.size();
        Patch<String> patch = DiffUtils.diff(wantWindow, gotWindow);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("expected", "your output", wantWindow, patch, CONTEXT);
        List<String> shown = new ArrayList<>();
        for (String line : diff) {
            if (shown.size() == SHOWN) {
                cut = true;
                break;
            }
            shown.add(clip(from == 0 ? line : renumber(line, from)));
        }
        if (cut) {
            shown.add("… the diff is cut: it shows where the outputs first differ (line " + (same + 1) + "). Expected "
                    + want.size() + " lines, your output has " + got.size() + ".");
        }
        return shown;
    }

    /** Hunk headers count from the window's start: make them count from the output's. */
    private static String renumber(String line, int offset) {
        Matcher hunk = HUNK.matcher(line);
        if (!hunk.find()) {
            return line;
        }
        return "@@ -" + (Integer.parseInt(hunk.group(1)) + offset) + (hunk.group(2) == null ? "" : hunk.group(2))
                + " +" + (Integer.parseInt(hunk.group(3)) + offset) + (hunk.group(4) == null ? "" : hunk.group(4))
                + " @@" + line.substring(hunk.end());
    }

    static String clip(String line) {
        return line.length() <= WIDTH
                ? line
                : line.substring(0, WIDTH) + "… (" + (line.length() - WIDTH) + " more characters)";
    }

    /** Spaces at line ends become '·', tabs '→', and a missing final newline is said out loud. */
    static List<String> visibleLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String visible = line.replace("\t", "→").replace("\r", "␍");
            int end = visible.length();
            while (end > 0 && visible.charAt(end - 1) == ' ') {
                end--;
            }
            lines.add(visible.substring(0, end) + "·".repeat(visible.length() - end));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        } else if (!text.isEmpty()) {
            lines.add("(no newline at the end)");
        }
        return lines;
    }
}
