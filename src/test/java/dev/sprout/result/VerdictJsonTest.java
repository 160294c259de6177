package dev.sprout.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A verdict's report entry, written and read by hand in the shape Jackson's record binding used. */
class VerdictJsonTest {

    private static final JsonMapper BINDING = JsonMapper.builder().build();

    private static Verdict full() {
        return new Verdict(
                "functions",
                2,
                "Greeting",
                "greets \"Ada\"\n",
                Verdict.Status.CPU_LIMIT,
                0,
                3,
                true,
                "took too long: ünïcode ✓",
                Optional.of("'Hello, Ada!'"),
                Optional.of("None"),
                "Traceback (most recent call last):\n  ...\n",
                Optional.of(7),
                "pkg/functions.py",
                Optional.of("return, don't print"),
                "greet('Ada')",
                1234L,
                true);
    }

    private static Verdict sparse() {
        return new Verdict(
                "hello",
                1,
                "",
                "",
                Verdict.Status.PASSED,
                1,
                1,
                false,
                "",
                Optional.empty(),
                Optional.empty(),
                "",
                Optional.empty(),
                "hello.py",
                Optional.empty(),
                "",
                0L,
                false);
    }

    @Test
    void aVerdictComesBackAsItWent() {
        assertThat(VerdictJson.read(VerdictJson.write(full()))).isEqualTo(full());
        assertThat(VerdictJson.read(VerdictJson.write(sparse()))).isEqualTo(sparse());
    }

    @Test
    void theShapeIsTheOneJacksonsRecordBindingWrites() {
        for (Verdict v : new Verdict[] {full(), sparse()}) {
            assertThat(BINDING.readTree(VerdictJson.write(v)))
                    .isEqualTo(BINDING.readTree(BINDING.writeValueAsString(v)));
            assertThat(VerdictJson.read(BINDING.writeValueAsString(v))).isEqualTo(v);
            assertThat(BINDING.readValue(VerdictJson.write(v), Verdict.class)).isEqualTo(v);
        }
    }

    @Test
    void somethingElseIsRefusedByName() {
        assertThatThrownBy(() -> VerdictJson.read("[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a verdict");
    }
}
