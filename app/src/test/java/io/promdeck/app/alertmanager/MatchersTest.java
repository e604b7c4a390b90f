package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MatchersTest {

    @Test
    void parsesEveryOperatorWithAndWithoutBracesAndQuotes() {
        List<Matcher> matchers = Matchers.parse("{alertname=\"Disk Full\", severity!=info, job=~\"node|kube.*\", env!~\"dev\"}");

        assertThat(matchers).containsExactly(
                Matcher.of("alertname", MatchType.EQUAL, "Disk Full"),
                Matcher.of("severity", MatchType.NOT_EQUAL, "info"),
                Matcher.of("job", MatchType.REGEX, "node|kube.*"),
                Matcher.of("env", MatchType.NOT_REGEX, "dev"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a=\"x\"",
        "a=\"with \\\"quotes\\\" and \\\\ backslash\"",
        "a=~\"a,b|c\"",
        "a!=\"line\\nbreak\"",
        "a=\"\"",
        "{a=\"1\", b!~\"2.*\"}",
        "__name__=~\"up|scrape_.*\"",
        "a=\"{brace}\""
    })
    void printedFormParsesBackToEqualMatchers(String text) {
        List<Matcher> parsed = Matchers.parse(text);
        String printed = Matchers.print(parsed);

        assertThat(Matchers.parse(printed)).isEqualTo(parsed);
    }

    @Test
    void unescapesLikeAlertmanager() {
        assertThat(Matchers.parseOne("a=\"x\\\"y\"").value()).isEqualTo("x\"y");
        assertThat(Matchers.parseOne("a=\"x\\\\y\"").value()).isEqualTo("x\\y");
        assertThat(Matchers.parseOne("a=\"x\\ny\"").value()).isEqualTo("x\ny");
        // A spurious escape stays literal, as in Alertmanager.
        assertThat(Matchers.parseOne("a=\"x\\dy\"").value()).isEqualTo("x\\dy");
        // Unquoted values are taken as they are, trimmed.
        assertThat(Matchers.parseOne("  a =  bare value  ").value()).isEqualTo("bare value");
        assertThat(Matchers.print(List.of(Matcher.equal("a", "x\"y\\z\n")))).isEqualTo("{a=\"x\\\"y\\\\z\\n\"}");
    }

    @Test
    void commaInsideQuotesDoesNotSplit() {
        assertThat(Matchers.parse("a=\"1,2\",b=\"3\"")).extracting(Matcher::value).containsExactly("1,2", "3");
    }

    @Test
    void blankInputAndTrailingCommaGiveNoExtraMatcher() {
        assertThat(Matchers.parse("")).isEmpty();
        assertThat(Matchers.parse("{}")).isEmpty();
        assertThat(Matchers.parse("a=\"1\",")).hasSize(1);
    }

    @ParameterizedTest(name = "{0} fails at position {1}")
    @CsvSource(delimiter = '|', value = {
        "a=\"1\",,b=\"2\"                | 6  | empty matcher",
        "a=\"1\", 9b=\"2\"               | 7  | bad matcher format",
        "alertname                       | 0  | bad matcher format",
        "a=\"x\"y\"                      | 4  | unescaped double quote",
        "{a=\"x\", b=\"open}             | 10 | never closed",
        "job=~\"(unclosed\"              | 5  | invalid regular expression",
        "job=~\"(?=x)\"                  | 5  | invalid regular expression",
        "job=~\"(a)\\1\"                 | 5  | invalid regular expression"
    })
    void errorsNameThePosition(String input, int position, String reason) {
        assertThatThrownBy(() -> Matchers.parse(input.strip()))
                .isInstanceOfSatisfying(MatcherSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).startsWith("at position " + (position + 1) + ": ");
                });
    }

    @Test
    void regexesAreFullyAnchoredRe2() {
        Matcher job = Matchers.parseOne("job=~\"node\"");
        assertThat(job.matches("node")).isTrue();
        assertThat(job.matches("node-exporter")).isFalse();
        assertThat(job.matches("my-node")).isFalse();
        Matcher alternation = Matchers.parseOne("job=~\"a|b\"");
        assertThat(alternation.matches("a")).isTrue();
        assertThat(alternation.matches("ab")).isFalse();
        // '.' does not match a newline and '$' is end of text, as in Go.
        assertThat(Matchers.parseOne("a=~\".*\"").matches("x\ny")).isFalse();
        assertThat(Matchers.parseOne("a=~\"x\"").matches("x\n")).isFalse();
    }

    @Test
    void missingLabelIsTheEmptyString() {
        Map<String, String> labels = Map.of("alertname", "Foo");
        assertThat(Matchers.parseOne("team=\"\"").matches(labels)).isTrue();
        assertThat(Matchers.parseOne("team!=\"ops\"").matches(labels)).isTrue();
        assertThat(Matchers.parseOne("team=~\".*\"").matches(labels)).isTrue();
        assertThat(Matchers.parseOne("team=~\".+\"").matches(labels)).isFalse();
        assertThat(Matchers.allMatch(Matchers.parse("alertname=\"Foo\",team!~\"ops|dev\""), labels)).isTrue();
        assertThat(Matchers.allMatch(Matchers.parse("alertname=\"Foo\",team=\"ops\""), labels)).isFalse();
    }
}
