package dev.sprout.value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The type-tagged JSON form of values that crosses the sandbox boundary (docs/harness-protocol.md). */
public final class TaggedJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TaggedJson() {}

    public static ObjectNode encode(PyValue value) {
        ObjectNode node = NODES.objectNode();
        if (value instanceof PyValue.PyNone) {
            node.put("t", "none");
        } else if (value instanceof PyValue.PyBool b) {
            node.put("t", "bool").put("v", b.value());
        } else if (value instanceof PyValue.PyInt i) {
            node.put("t", "int").put("v", i.value().toString());
        } else if (value instanceof PyValue.PyFloat f) {
            node.put("t", "float");
            if (Double.isNaN(f.value()) || Double.isInfinite(f.value())) {
                node.put("v", Repr.ofFloat(f.value()));
            } else {
                node.put("v", f.value());
            }
        } else if (value instanceof PyValue.PyComplex c) {
            node.put("t", "complex").put("re", c.real()).put("im", c.imag());
        } else if (value instanceof PyValue.PyStr s) {
            node.put("t", "str").put("v", s.value());
        } else if (value instanceof PyValue.PyBytes b) {
            node.put("t", "bytes").put("v", Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof PyValue.PySequence seq) {
            node.put("t", seq.kind().pythonName());
            ArrayNode items = node.putArray("v");
            seq.items().forEach(item -> items.add(encode(item)));
        } else if (value instanceof PyValue.PyDict dict) {
            node.put("t", "dict");
            ArrayNode pairs = node.putArray("v");
            dict.entries().forEach(e -> pairs.addArray().add(encode(e.key())).add(encode(e.value())));
        } else if (value instanceof PyValue.PyOther other) {
            node.put("t", "other").put("type", other.type()).put("repr", other.repr());
        }
        return node;
    }

    /** Decodes an observed value; anything malformed becomes {@link PyValue.PyOther} rather than failing. */
    public static PyValue decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new PyValue.PyOther("invalid", String.valueOf(node));
        }
        String tag = node.path("t").asString("");
        JsonNode v = node.path("v");
        try {
            return switch (tag) {
                case "none" -> new PyValue.PyNone();
                case "bool" -> new PyValue.PyBool(v.asBoolean());
                case "int" -> new PyValue.PyInt(new BigInteger(v.asString()));
                case "float" -> new PyValue.PyFloat(v.isNumber() ? v.asDouble() : parseSpecialFloat(v.asString()));
                case "complex" ->
                    new PyValue.PyComplex(
                            node.path("re").asDouble(), node.path("im").asDouble());
                case "str" -> new PyValue.PyStr(Utf16.wellFormed(v.asString()));
                case "bytes" -> new PyValue.PyBytes(Base64.getDecoder().decode(v.asString()));
                case "list", "tuple", "set", "frozenset" ->
                    new PyValue.PySequence(PyValue.SequenceKind.valueOf(tag.toUpperCase(Locale.ROOT)), decodeAll(v));
                case "dict" -> {
                    List<PyValue.Entry> entries = new ArrayList<>();
                    for (JsonNode pair : v) {
                        entries.add(new PyValue.Entry(decode(pair.get(0)), decode(pair.get(1))));
                    }
                    yield new PyValue.PyDict(entries);
                }
                case "other" ->
                    new PyValue.PyOther(
                            Utf16.wellFormed(node.path("type").asString("object")),
                            Utf16.wellFormed(node.path("repr").asString("")));
                default -> new PyValue.PyOther("invalid", node.toString());
            };
        } catch (RuntimeException malformed) {
            return new PyValue.PyOther("invalid", node.toString());
        }
    }

    private static List<PyValue> decodeAll(JsonNode array) {
        List<PyValue> items = new ArrayList<>();
        array.forEach(item -> items.add(decode(item)));
        return items;
    }

    static double parseSpecialFloat(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
