package dev.sprout.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exercise READMEs as plain terminal text: headings bold, code blocks indented, emphasis and
 * inline code marked with colour when there is colour (and left as written when not, since
 * backticks still tell a beginner "this is code").
 */
public final class TerminalMarkdown {

    private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final Style style;

    public TerminalMarkdown(Style style) {
        this.style = style;
    }

    /** @param skipTitle drop a leading {@code # Title} line (the caller already showed the title) */
    public List<String> render(String markdown, boolean skipTitle) {
        List<String> lines = new ArrayList<>();
        boolean code = false;
        boolean first = true;
        for (String line : markdown.lines().toList()) {
            if (first && skipTitle && line.startsWith("# ")) {
                first = false;
                continue;
            }
            first = false;
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                lines.add("    " + style.dim("│ ") + line);
            } else if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "");
                lines.add(style.bold(style.enabled() ? heading : heading.toUpperCase(Locale.ROOT)));
            } else {
                lines.add(inline(line));
            }
        }
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        return lines;
    }

    private String inline(String line) {
        if (!style.enabled()) {
            return STRONG.matcher(line).replaceAll("$1");
        }
        String text = replace(STRONG, line, style::bold);
        return replace(CODE, text, style::yellow);
    }

    private static String replace(Pattern pattern, String text, UnaryOperator<String> how) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(how.apply(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
