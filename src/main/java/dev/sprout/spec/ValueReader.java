package dev.sprout.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.sprout.value.PyLiteral;
import dev.sprout.value.PyValue;

/** Reads Python values written naturally in YAML, plus the tagged forms in docs/grader-spec.md. */
final class ValueReader {

    private static final Set<String> TAGS = Set.of("tuple", "set", "frozenset", "dict", "py", "float");

    private ValueReader() {}

    static PyValue read(SpecNode spec) {
        JsonNode node = spec.json();
        if (node == null || node.isNull()) {
            return new PyValue.PyNone();
        }
        if (node.isBoolean()) {
            return new PyValue.PyBool(node.asBoolean());
        }
        if (node.isIntegralNumber()) {
            return new PyValue.PyInt(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return new PyValue.PyFloat(node.asDouble());
        }
        if (node.isString()) {
            return new PyValue.PyStr(node.asString());
        }
        if (node.isArray()) {
            return new PyValue.PySequence(PyValue.SequenceKind.LIST, readAll(spec));
        }
        Map<String, SpecNode> entries = spec.entries();
        if (entries.size() == 1 && TAGS.contains(entries.keySet().iterator().next())) {
            String tag = entries.keySet().iterator().next();
            return tagged(tag, entries.get(tag));
        }
        List<PyValue.Entry> dict = new ArrayList<>();
        entries.forEach((key, value) -> dict.add(new PyValue.Entry(new PyValue.PyStr(key), read(value))));
        return new PyValue.PyDict(dict);
    }

    private static PyValue tagged(String tag, SpecNode body) {
        return switch (tag) {
            case "tuple" -> new PyValue.PySequence(PyValue.SequenceKind.TUPLE, readAll(body));
            case "set" -> new PyValue.PySequence(PyValue.SequenceKind.SET, readAll(body));
            case "frozenset" -> new PyValue.PySequence(PyValue.SequenceKind.FROZENSET, readAll(body));
            case "dict" -> {
                List<PyValue.Entry> entries = new ArrayList<>();
                for (SpecNode pair : body.elements()) {
                    List<SpecNode> kv = pair.elements();
                    if (kv.size() != 2) {
                        throw pair.fail("each dict entry is a [key, value] pair");
                    }
                    entries.add(new PyValue.Entry(read(kv.get(0)), read(kv.get(1))));
                }
                yield new PyValue.PyDict(entries);
            }
            case "float" -> floatValue(body);
            default -> {
                try {
                    yield PyLiteral.parse(body.text());
                } catch (IllegalArgumentException e) {
                    throw body.fail("not a Python literal: " + e.getMessage());
                }
            }
        };
    }

    private static PyValue floatValue(SpecNode body) {
        JsonNode node = body.json();
        if (node.isNumber()) {
            return new PyValue.PyFloat(node.asDouble());
        }
        return switch (node.asString().toLowerCase(Locale.ROOT)) {
            case "nan", ".nan" -> new PyValue.PyFloat(Double.NaN);
            case "inf", ".inf", "+inf" -> new PyValue.PyFloat(Double.POSITIVE_INFINITY);
            case "-inf", "-.inf" -> new PyValue.PyFloat(Double.NEGATIVE_INFINITY);
            default -> throw body.fail("expected a number, nan, inf or -inf");
        };
    }

    static List<PyValue> readAll(SpecNode list) {
        return list.elements().stream().map(ValueReader::read).toList();
    }
}
