package dev.sprout.value;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * A Python value as sprout compares it: exact Python types (int is not float, tuple is not
 * list, bool is not int). Values cross the sandbox boundary only as type-tagged JSON
 * ({@link TaggedJson}); {@link #repr()} renders them the way Python's {@code repr} would.
 */
public sealed interface PyValue {

    /** Python's repr, close enough that a learner recognises their own value. */
    String repr();

    /** The Python type name a learner would see from {@code type(x).__name__}. */
    String typeName();

    record PyNone() implements PyValue {
        public String repr() {
            return "None";
        }

        public String typeName() {
            return "NoneType";
        }
    }

    record PyBool(boolean value) implements PyValue {
        public String repr() {
            return value ? "True" : "False";
        }

        public String typeName() {
            return "bool";
        }
    }

    record PyInt(BigInteger value) implements PyValue {
        public static PyInt of(long value) {
            return new PyInt(BigInteger.valueOf(value));
        }

        public String repr() {
            return value.toString();
        }

        public String typeName() {
            return "int";
        }
    }

    record PyFloat(double value) implements PyValue {
        public String repr() {
            return Repr.ofFloat(value);
        }

        public String typeName() {
            return "float";
        }
    }

    record PyComplex(double real, double imag) implements PyValue {
        public String repr() {
            return Repr.ofComplex(real, imag);
        }

        public String typeName() {
            return "complex";
        }
    }

    record PyStr(String value) implements PyValue {
        public String repr() {
            return Repr.ofString(value);
        }

        public String typeName() {
            return "str";
        }
    }

    record PyBytes(byte[] value) implements PyValue {
        public String repr() {
            return Repr.ofBytes(value);
        }

        public String typeName() {
            return "bytes";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PyBytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }
    }

    /** list, tuple, set and frozenset: the kind decides how elements compare. */
    record PySequence(SequenceKind kind, List<PyValue> items) implements PyValue {
        public PySequence {
            items = List.copyOf(items);
        }

        public String repr() {
            return Repr.ofSequence(kind, items);
        }

        public String typeName() {
            return kind.pythonName();
        }
    }

    record PyDict(List<Entry> entries) implements PyValue {
        public PyDict {
            entries = List.copyOf(entries);
        }

        public String repr() {
            return Repr.ofDict(entries);
        }

        public String typeName() {
            return "dict";
        }
    }

    record Entry(PyValue key, PyValue value) {}

    /** A value sprout cannot rebuild (an object of the learner's class, a function…). */
    record PyOther(String type, String repr) implements PyValue {
        public String typeName() {
            int dot = type.lastIndexOf('.');
            return dot < 0 ? type : type.substring(dot + 1);
        }
    }

    enum SequenceKind {
        LIST("list"),
        TUPLE("tuple"),
        SET("set"),
        FROZENSET("frozenset");

        private final String pythonName;

        SequenceKind(String pythonName) {
            this.pythonName = pythonName;
        }

        public String pythonName() {
            return pythonName;
        }

        public boolean unordered() {
            return this == SET || this == FROZENSET;
        }
    }
}
