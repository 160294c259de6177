package dev.sprout.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Compares an expected value with an observed one the way a Python teacher would: exact
 * types (so {@code 5} is not {@code 5.0} and {@code True} is not {@code 1}), floats within a
 * tolerance, sets and dicts ignoring order.
 */
public final class PyEquality {

    private final double tolerance;
    private final double absTolerance;

    public PyEquality(double tolerance) {
        this(tolerance, 0);
    }

    /**
     * @param tolerance    relative tolerance (also absolute near zero), as {@code tolerance:}
     * @param absTolerance floats at most this far apart are equal, whatever their size ({@code abs_tol:})
     */
    public PyEquality(double tolerance, double absTolerance) {
        this.tolerance = tolerance;
        this.absTolerance = absTolerance;
    }

    public boolean equal(PyValue expected, PyValue actual) {
        return difference(expected, actual).isEmpty();
    }

    /**
     * Why the two differ, in words a learner understands; empty when they are equal. A difference
     * inside a list or tuple names one path to it: "at [1][0]: expected 3, got 4".
     */
    public Optional<String> difference(PyValue expected, PyValue actual) {
        return difference(expected, actual, "");
    }

    private Optional<String> difference(PyValue expected, PyValue actual, String path) {
        String at = path.isEmpty() ? "" : "at " + path + ": ";
        if (!expected.typeName().equals(actual.typeName()) || expected.getClass() != actual.getClass()) {
            return Optional.of(at + "expected " + article(expected.typeName()) + ", got " + article(actual.typeName()));
        }
        boolean same;
        if (expected instanceof PyValue.PyFloat e) {
            same = closeEnough(e.value(), ((PyValue.PyFloat) actual).value());
        } else if (expected instanceof PyValue.PyComplex e) {
            same = closeEnough(e.real(), ((PyValue.PyComplex) actual).real())
                    && closeEnough(e.imag(), ((PyValue.PyComplex) actual).imag());
        } else if (expected instanceof PyValue.PySequence e) {
            same = sequencesEqual(e, (PyValue.PySequence) actual);
        } else if (expected instanceof PyValue.PyDict e) {
            same = dictsEqual(e, (PyValue.PyDict) actual);
        } else if (expected instanceof PyValue.PyOther e) {
            same = e.repr().equals(((PyValue.PyOther) actual).repr());
        } else {
            same = expected.equals(actual);
        }
        if (same) {
            return Optional.empty();
        }
        if (expected instanceof PyValue.PySequence e && !e.kind().unordered()) {
            PyValue.PySequence a = (PyValue.PySequence) actual;
            if (e.items().size() != a.items().size()) {
                return Optional.of(at + "expected " + e.items().size() + " items, got "
                        + a.items().size());
            }
            for (int i = 0; i < e.items().size(); i++) {
                Optional<String> inner = difference(e.items().get(i), a.items().get(i), path + "[" + i + "]");
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.of(
                path.isEmpty()
                        ? "the values differ"
                        : at + "expected " + shortRepr(expected) + ", got " + shortRepr(actual));
    }

    /** Index of the first item of two ordered sequences that differs, if they are such sequences. */
    public OptionalInt firstDifferentItem(PyValue expected, PyValue actual) {
        if (expected instanceof PyValue.PySequence e
                && actual instanceof PyValue.PySequence a
                && !e.kind().unordered()
                && !a.kind().unordered()) {
            int n = Math.min(e.items().size(), a.items().size());
            for (int i = 0; i < n; i++) {
                if (!equal(e.items().get(i), a.items().get(i))) {
                    return OptionalInt.of(i);
                }
            }
            return OptionalInt.of(n);
        }
        return OptionalInt.empty();
    }

    private static String shortRepr(PyValue value) {
        String repr = value.repr();
        return repr.length() <= 60 ? repr : repr.substring(0, 57) + "…";
    }

    private static String article(String typeName) {
        return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }

    private boolean closeEnough(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        double difference = Math.abs(expected - actual);
        return difference <= Math.max(tolerance, tolerance * scale) || difference <= absTolerance;
    }

    private boolean sequencesEqual(PyValue.PySequence expected, PyValue.PySequence actual) {
        if (expected.items().size() != actual.items().size()) {
            return false;
        }
        if (!expected.kind().unordered()) {
            for (int i = 0; i < expected.items().size(); i++) {
                if (!equal(expected.items().get(i), actual.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return matchesUnordered(expected.items(), actual.items());
    }

    private boolean dictsEqual(PyValue.PyDict expected, PyValue.PyDict actual) {
        if (expected.entries().size() != actual.entries().size()) {
            return false;
        }
        for (PyValue.Entry want : expected.entries()) {
            boolean found = actual.entries().stream()
                    .anyMatch(have -> equal(want.key(), have.key()) && equal(want.value(), have.value()));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    // sets are small in exercises; a quadratic match keeps float tolerance working inside sets
    private boolean matchesUnordered(List<PyValue> expected, List<PyValue> actual) {
        List<PyValue> remaining = new ArrayList<>(actual);
        for (PyValue want : expected) {
            int index = -1;
            for (int i = 0; i < remaining.size(); i++) {
                if (equal(want, remaining.get(i))) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return false;
            }
            remaining.remove(index);
        }
        return true;
    }
}
