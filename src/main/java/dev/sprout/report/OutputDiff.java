package dev.sprout.report;

import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/** A unified diff of expected and actual output, with whitespace made visible. */
final class OutputDiff {

    private OutputDiff() {
    }

    static List<String> unified(String expected, String actual) {
        List<String> want = visibleLines(expected);
        List<String> got = visibleLines(actual);
        Patch<String> patch = DiffUtils.diff(want, got);
        return UnifiedDiffUtils.generateUnifiedDiff("expected", "your output", want, patch, 2);
    }

    /** Spaces at line ends become '·', tabs '→', and a missing final newline is said out loud. */
    static List<String> visibleLines(String text) {
        List<String> lines = new java.util.ArrayList<>();
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
