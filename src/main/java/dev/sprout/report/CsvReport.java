package dev.sprout.report;

import java.util.List;

import dev.sprout.result.SubmissionResult;

/** A gradebook: one row per student × exercise (RFC 4180, so spreadsheets open it as is). */
public final class CsvReport {

    static final String HEADER = "student,exercise,status,score,max_score";

    private CsvReport() {}

    public static String write(List<SubmissionResult> results) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (SubmissionResult r : results) {
            csv.append(field(r.student()))
                    .append(',')
                    .append(field(r.result().exercise()))
                    .append(',')
                    .append(r.result().status().label())
                    .append(',')
                    .append(r.result().score())
                    .append(',')
                    .append(r.result().maxScore())
                    .append("\r\n");
        }
        return csv.toString();
    }

    static String field(String text) {
        // a gradebook is also read on a terminal (csv on the screen): escapes shown, not obeyed
        String value = Escape.terminal(text);
        // A leading = + - @ makes spreadsheets run the cell as a formula, and so can a leading TAB or CR
        // (OWASP, CSV injection); a student folder can be named anything.
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
