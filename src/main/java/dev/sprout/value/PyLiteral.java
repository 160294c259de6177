package dev.sprout.value;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a Python literal (what {@code ast.literal_eval} accepts) in Java, so expected values
 * written as {@code py: "(1, 'a')"} never need a Python process, inside the sandbox or out.
 */
public final class PyLiteral {

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException with the column of the problem */
    public static PyValue parse(String text) {
        PyLiteral parser = new PyLiteral(text);
        PyValue value = parser.expression();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
        }
        return value;
    }

    private PyValue expression() {
        PyValue left = unary();
        skipSpace();
        // complex literals such as 1+2j are the only binary operation literal_eval allows
        if (pos < text.length() && (peek() == '+' || peek() == '-')) {
            char op = text.charAt(pos++);
            PyValue right = unary();
            if (!(right instanceof PyValue.PyComplex c) || c.real() != 0) {
                throw error("only a complex number may follow " + op);
            }
            double real = toDouble(left);
            return new PyValue.PyComplex(real, op == '+' ? c.imag() : -c.imag());
        }
        return left;
    }

    private PyValue unary() {
        skipSpace();
        if (pos < text.length() && (peek() == '-' || peek() == '+')) {
            boolean negate = text.charAt(pos++) == '-';
            PyValue operand = unary();
            if (!negate) {
                return operand;
            }
            if (operand instanceof PyValue.PyInt i) {
                return new PyValue.PyInt(i.value().negate());
            }
            if (operand instanceof PyValue.PyFloat f) {
                return new PyValue.PyFloat(-f.value());
            }
            if (operand instanceof PyValue.PyComplex c) {
                return new PyValue.PyComplex(-c.real(), -c.imag());
            }
            throw error("'-' needs a number");
        }
        return atom();
    }

    private PyValue atom() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("the literal ends too early");
        }
        char c = peek();
        if (c == '(') {
            return collection(')', PyValue.SequenceKind.TUPLE);
        }
        if (c == '[') {
            return collection(']', PyValue.SequenceKind.LIST);
        }
        if (c == '{') {
            return braces();
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (c == '\'' || c == '"' || startsStringPrefix()) {
            return strings();
        }
        String word = word();
        return switch (word) {
            case "True" -> new PyValue.PyBool(true);
            case "False" -> new PyValue.PyBool(false);
            case "None" -> new PyValue.PyNone();
            case "set" -> emptyCall(PyValue.SequenceKind.SET);
            case "frozenset" -> emptyCall(PyValue.SequenceKind.FROZENSET);
            case "" -> throw error("unexpected '" + c + "'");
            default -> throw error("'" + word + "' is not a literal");
        };
    }

    private PyValue emptyCall(PyValue.SequenceKind kind) {
        expect('(');
        skipSpace();
        List<PyValue> items = List.of();
        if (peek() != ')') {
            PyValue inner = expression();
            if (!(inner instanceof PyValue.PySequence seq)) {
                throw error(kind.pythonName() + "() takes a list, tuple or set here");
            }
            items = seq.items();
        }
        skipSpace();
        expect(')');
        return new PyValue.PySequence(kind, items);
    }

    private PyValue collection(char close, PyValue.SequenceKind kind) {
        pos++;
        List<PyValue> items = new ArrayList<>();
        boolean trailingComma = false;
        while (true) {
            skipSpace();
            if (pos < text.length() && peek() == close) {
                pos++;
                break;
            }
            items.add(expression());
            skipSpace();
            if (pos < text.length() && peek() == ',') {
                pos++;
                trailingComma = true;
            } else {
                trailingComma = false;
                skipSpace();
                expect(close);
                break;
            }
        }
        if (kind == PyValue.SequenceKind.TUPLE && items.size() == 1 && !trailingComma) {
            return items.get(0);
        }
        return new PyValue.PySequence(kind, items);
    }

    private PyValue braces() {
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new PyValue.PyDict(List.of());
        }
        PyValue first = expression();
        skipSpace();
        if (peek() == ':') {
            List<PyValue.Entry> entries = new ArrayList<>();
            pos++;
            entries.add(new PyValue.Entry(first, expression()));
            while (true) {
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                    if (peek() == '}') {
                        pos++;
                        return new PyValue.PyDict(entries);
                    }
                    PyValue key = expression();
                    skipSpace();
                    expect(':');
                    entries.add(new PyValue.Entry(key, expression()));
                } else {
                    expect('}');
                    return new PyValue.PyDict(entries);
                }
            }
        }
        List<PyValue> items = new ArrayList<>(List.of(first));
        while (true) {
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                items.add(expression());
            } else {
                expect('}');
                break;
            }
        }
        return new PyValue.PySequence(PyValue.SequenceKind.SET, items);
    }

    private PyValue number() {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(peek())
                        || peek() == '.'
                        || peek() == '_'
                        || ((peek() == '+' || peek() == '-')
                                && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String token = text.substring(start, pos).replace("_", "");
        try {
            if (token.endsWith("j") || token.endsWith("J")) {
                return new PyValue.PyComplex(0, Double.parseDouble(token.substring(0, token.length() - 1)));
            }
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.startsWith("0x")) {
                return new PyValue.PyInt(new BigInteger(token.substring(2), 16));
            }
            if (lower.startsWith("0o")) {
                return new PyValue.PyInt(new BigInteger(token.substring(2), 8));
            }
            if (lower.startsWith("0b")) {
                return new PyValue.PyInt(new BigInteger(token.substring(2), 2));
            }
            if (lower.contains(".") || lower.contains("e")) {
                return new PyValue.PyFloat(Double.parseDouble(token));
            }
            return new PyValue.PyInt(new BigInteger(token));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + token + "' is not a number");
        }
    }

    private boolean startsStringPrefix() {
        int i = pos;
        while (i < text.length() && i - pos < 2 && "bBrRuU".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i > pos && i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"');
    }

    // adjacent string literals concatenate, as in Python
    private PyValue strings() {
        PyValue result = string();
        while (true) {
            int save = pos;
            skipSpace();
            if (pos < text.length() && (peek() == '\'' || peek() == '"' || startsStringPrefix())) {
                PyValue next = string();
                result = concat(result, next);
            } else {
                pos = save;
                return result;
            }
        }
    }

    private PyValue concat(PyValue a, PyValue b) {
        if (a instanceof PyValue.PyStr x && b instanceof PyValue.PyStr y) {
            return new PyValue.PyStr(x.value() + y.value());
        }
        if (a instanceof PyValue.PyBytes x && b instanceof PyValue.PyBytes y) {
            byte[] joined = new byte[x.value().length + y.value().length];
            System.arraycopy(x.value(), 0, joined, 0, x.value().length);
            System.arraycopy(y.value(), 0, joined, x.value().length, y.value().length);
            return new PyValue.PyBytes(joined);
        }
        throw error("cannot mix str and bytes literals");
    }

    private PyValue string() {
        boolean bytes = false;
        boolean raw = false;
        while ("bBrRuU".indexOf(peek()) >= 0) {
            char p = Character.toLowerCase(text.charAt(pos++));
            bytes |= p == 'b';
            raw |= p == 'r';
        }
        char quote = text.charAt(pos);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
        String delimiter = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        pos += delimiter.length();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("a string is never closed");
            }
            if (text.startsWith(delimiter, pos)) {
                pos += delimiter.length();
                break;
            }
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                if (raw) {
                    out.append(c).append(text.charAt(pos++));
                } else {
                    escape(out);
                }
            } else {
                out.append(c);
            }
        }
        if (!bytes) {
            return new PyValue.PyStr(out.toString());
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (char c : out.toString().toCharArray()) {
            if (c > 0xff) {
                throw error("bytes can only contain ASCII characters");
            }
            data.write(c);
        }
        return new PyValue.PyBytes(data.toByteArray());
    }

    private void escape(StringBuilder out) {
        char e = text.charAt(pos++);
        switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case '0' -> out.append('\0');
            case '\\', '\'', '"' -> out.append(e);
            case '\n' -> {}
            case 'x' -> out.append((char) hex(2));
            case 'u' -> out.append((char) hex(4));
            case 'U' -> out.appendCodePoint(hex(8));
            default -> out.append('\\').append(e);
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("a \\x or \\u escape is too short");
        }
        int value = Integer.parseInt(text.substring(pos, pos + digits), 16);
        pos += digits;
        return value;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private double toDouble(PyValue value) {
        if (value instanceof PyValue.PyInt i) {
            return i.value().doubleValue();
        }
        if (value instanceof PyValue.PyFloat f) {
            return f.value();
        }
        throw error("a complex number needs a numeric real part");
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at column " + (pos + 1) + " of " + text);
    }
}
