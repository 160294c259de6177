package dev.sprout.value;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** Renders values as Python's repr does, so messages show what the learner would print. */
final class Repr {

    private Repr() {}

    static String ofFloat(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return BigDecimal.valueOf(value).toBigInteger() + ".0";
        }
        // Java's shortest round-trip repr matches Python's for ordinary magnitudes
        String text = Double.toString(value);
        if (text.contains("E")) {
            String[] parts = text.split("E");
            int exponent = Integer.parseInt(parts[1]);
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return text;
    }

    static String ofComplex(double real, double imag) {
        String imagText = trimFloat(imag) + "j";
        if (real == 0 && 1 / real > 0) {
            return imagText;
        }
        return "(" + trimFloat(real) + (imag < 0 || (imag == 0 && 1 / imag < 0) ? "" : "+") + imagText + ")";
    }

    private static String trimFloat(double value) {
        String text = ofFloat(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    static String ofString(String value) {
        char quote = value.contains("'") && !value.contains("\"") ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp == quote) {
                        out.append('\\').append((char) cp);
                    } else if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append(quote).toString();
    }

    static String ofBytes(byte[] value) {
        StringBuilder out = new StringBuilder("b'");
        for (byte b : value) {
            int c = b & 0xff;
            if (c == '\\' || c == '\'') {
                out.append('\\').append((char) c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append('\'').toString();
    }

    static String ofSequence(PyValue.SequenceKind kind, List<PyValue> items) {
        String inner = items.stream().map(PyValue::repr).collect(Collectors.joining(", "));
        return switch (kind) {
            case LIST -> "[" + inner + "]";
            case TUPLE -> items.size() == 1 ? "(" + inner + ",)" : "(" + inner + ")";
            case SET -> items.isEmpty() ? "set()" : "{" + inner + "}";
            case FROZENSET -> items.isEmpty() ? "frozenset()" : "frozenset({" + inner + "})";
        };
    }

    static String ofDict(List<PyValue.Entry> entries) {
        return entries.stream()
                .map(e -> e.key().repr() + ": " + e.value().repr())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
