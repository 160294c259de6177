package dev.sprout.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class Utf16Test {

    @Test
    void replacesLoneSurrogatesAndKeepsPairs() {
        assertThat(Utf16.wellFormed("a\ud800b")).isEqualTo("a\uFFFDb");
        assertThat(Utf16.wellFormed("\udfff")).isEqualTo("\uFFFD");
        assertThat(Utf16.wellFormed("end\ud83d")).isEqualTo("end\uFFFD");
        assertThat(Utf16.wellFormed("🌱 ok")).isEqualTo("🌱 ok");
        assertThat(Utf16.wellFormed("\ud800🌱\udc00")).isEqualTo("\uFFFD🌱\uFFFD");
    }

    @Test
    void cleansEveryStringOfADecodedHarnessReply() {
        JsonNode reply = JsonMapper.builder()
                .build()
                .readTree(
                        "{\"stdout\": \"x\\ud800\", \"exception\": {\"message\": \"bad \\udfff\"}, \"k\": [\"\\ud800\"],"
                                + " \"value\": {\"t\": \"str\", \"v\": \"\\ud800\"}}");

        JsonNode clean = Utf16.wellFormed(reply);

        assertThat(clean.path("stdout").asString()).isEqualTo("x\uFFFD");
        assertThat(clean.path("exception").path("message").asString()).isEqualTo("bad \uFFFD");
        assertThat(clean.path("k").get(0).asString()).isEqualTo("\uFFFD");
        assertThat(TaggedJson.decode(reply.path("value"))).isEqualTo(new PyValue.PyStr("\uFFFD"));
    }
}
