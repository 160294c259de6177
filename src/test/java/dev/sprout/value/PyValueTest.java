package dev.sprout.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PyValueTest {

    private final PyEquality equality = new PyEquality(1e-9);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(1, 'a', {2, 3})",
                "[1, 2.5, None, True]",
                "{'a': (1,), 2: [b'x\\n']}",
                "()",
                "set()",
                "-3",
                "(1+2j)",
                "'it\\'s'",
                "frozenset({1})",
                "{}"
            })
    void parsesPythonLiteralsAndPrintsThemAsPythonWould(String literal) {
        PyValue value = PyLiteral.parse(literal);

        assertThat(PyLiteral.parse(value.repr())).isEqualTo(value);
    }

    @Test
    void comparesTypesExactly() {
        assertThat(equality.difference(PyLiteral.parse("5"), PyLiteral.parse("5.0")))
                .contains("expected an int, got a float");
        assertThat(equality.equal(PyLiteral.parse("1"), PyLiteral.parse("True")))
                .isFalse();
        assertThat(equality.equal(PyLiteral.parse("(1, 2)"), PyLiteral.parse("[1, 2]")))
                .isFalse();
    }

    @Test
    void comparesFloatsWithToleranceAndCollectionsWithoutOrder() {
        assertThat(equality.equal(PyLiteral.parse("0.3"), new PyValue.PyFloat(0.1 + 0.2)))
                .isTrue();
        assertThat(equality.equal(PyLiteral.parse("{1, 2, 3}"), PyLiteral.parse("{3, 1, 2}")))
                .isTrue();
        assertThat(equality.equal(PyLiteral.parse("{'a': 1, 'b': 2}"), PyLiteral.parse("{'b': 2, 'a': 1}")))
                .isTrue();
        assertThat(equality.equal(PyLiteral.parse("[1, 2]"), PyLiteral.parse("[2, 1]")))
                .isFalse();
    }

    @Test
    void roundTripsThroughTaggedJson() {
        PyValue value =
                PyLiteral.parse("{'k': (1, 2.5, None, {frozenset({1})}, b'\\x00', 10**0)}".replace("10**0", "1"));

        assertThat(TaggedJson.decode(TaggedJson.encode(value))).isEqualTo(value);
    }

    @Test
    void saysWhereALiteralIsBroken() {
        assertThatThrownBy(() -> PyLiteral.parse("(1, foo)")).hasMessageContaining("'foo' is not a literal");
    }

    @Test
    void absoluteToleranceAcceptsFloatsThatCloseInsideListsTuplesAndDicts() {
        PyEquality absolute = new PyEquality(1e-9, 1e-4);
        assertThat(absolute.equal(PyLiteral.parse("1.4142"), PyLiteral.parse("1.41421356")))
                .isTrue();
        assertThat(absolute.equal(PyLiteral.parse("1.4142"), PyLiteral.parse("1.4145")))
                .isFalse();
        assertThat(absolute.equal(
                        PyLiteral.parse("[1.4142, (2.0, {'r': 0.5})]"),
                        PyLiteral.parse("[1.41423, (2.00005, {'r': 0.49995})]")))
                .isTrue();
        assertThat(absolute.equal(PyLiteral.parse("{'r': 0.5}"), PyLiteral.parse("{'r': 0.5002}")))
                .isFalse();
        // without abs_tol the relative default keeps them apart
        assertThat(equality.equal(PyLiteral.parse("1.4142"), PyLiteral.parse("1.41421356")))
                .isFalse();
        // still exact about types
        assertThat(absolute.equal(PyLiteral.parse("1.0"), PyLiteral.parse("1"))).isFalse();
    }
}
