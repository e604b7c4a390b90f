package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldChangeTest {

    @Test
    void aScalarShowsBothValuesCut() {
        assertThat(new FieldChange("/spec/replicas", "2", "3").brief(40)).isEqualTo("/spec/replicas: 2 → 3");
        assertThat(new FieldChange("/x", "a".repeat(50), "b").brief(10)).isEqualTo("/x: aaaaaaaaa… → b");
    }

    @Test
    void aFileShowsTheFirstLineThatDiffersAndHowManyMore() {
        String before = "{\n  \"a\" : 1,\n  \"retention\" : \"12h\",\n  \"z\" : 2\n}";
        String after = "{\n  \"a\" : 1,\n  \"retention\" : \"48h\",\n  \"z\" : 3\n}";

        assertThat(new FieldChange("/data/parameters.json", before, after).brief(60))
                .isEqualTo("/data/parameters.json line 3: \"retention\" : \"12h\", → \"retention\" : \"48h\", (1 more line differs)");
    }
}
