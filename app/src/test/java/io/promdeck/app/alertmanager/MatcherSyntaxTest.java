package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The matcher dialects: 0.25 (classic, Go 1.19), 0.27 (UTF-8 first, classic fallback), and Go 1.22 regexes. */
class MatcherSyntaxTest {

    private static final MatcherSyntax CLASSIC = new AlertmanagerDialect("0.25.0", "go1.19.8").syntax();
    private static final MatcherSyntax UTF8 = new AlertmanagerDialect("0.27.0", "go1.21.6").syntax();
    private static final MatcherSyntax GO122 = new AlertmanagerDialect("0.28.1", "go1.23.4").syntax();

    @Test
    void theDialectFollowsTheVersionAndTheGoItWasBuiltWith() {
        assertThat(new AlertmanagerDialect("0.26.0", "go1.21").utf8Parser()).isFalse();
        assertThat(new AlertmanagerDialect("0.27.0", "go1.21").utf8Parser()).isTrue();
        assertThat(new AlertmanagerDialect("v1.0.0", "").utf8Parser()).isTrue();
        assertThat(new AlertmanagerDialect("0.27.0", "go1.21.6").angleNamedGroups()).isFalse();
        assertThat(new AlertmanagerDialect("0.28.0", "go1.22.0").angleNamedGroups()).isTrue();
    }

    @Test
    void version027AcceptsQuotedUtf8NamesDashesAndTrailingCommas() {
        assertThat(UTF8.parse("{\"foo\"=\"bar\"}")).containsExactly(Matcher.equal("foo", "bar"));
        assertThat(UTF8.parse("{\"foo\"=\"🙂\"}")).containsExactly(Matcher.equal("foo", "🙂"));
        assertThat(UTF8.parse("{name-with-dashes=\"x\"}")).containsExactly(Matcher.equal("name-with-dashes", "x"));
        assertThat(UTF8.parse("{foo=\"bar\",}")).containsExactly(Matcher.equal("foo", "bar"));
        assertThat(UTF8.parse("foo=bar,bar!=baz")).containsExactly(Matcher.equal("foo", "bar"), Matcher.of("bar", MatchType.NOT_EQUAL, "baz"));
        assertThat(UTF8.parse("{foo=\"bar\\t\"}")).containsExactly(Matcher.equal("foo", "bar\t"));
        assertThat(UTF8.parse("{}")).isEmpty();
        assertThat(UTF8.parse("")).isEmpty();
        // The classic parser of 0.25 refuses these.
        assertThatThrownBy(() -> CLASSIC.parse("{\"foo\"=\"bar\"}")).isInstanceOf(MatcherSyntaxException.class);
        assertThatThrownBy(() -> CLASSIC.parse("{name-with-dashes=\"x\"}")).isInstanceOf(MatcherSyntaxException.class);
    }

    @Test
    void version027FallsBackToTheClassicParserForWhatOnlyItAccepts() {
        // Unquoted spaces and a spurious escape are the classic parser's; 0.27 still takes them through the fallback.
        assertThat(UTF8.parse("alertname=Foo Bar")).containsExactly(Matcher.equal("alertname", "Foo Bar"));
        assertThat(UTF8.parse("a=\"\\q\"")).containsExactly(Matcher.equal("a", "\\q"));
        // Unpaired braces fail the UTF-8 parser; the classic one just trims them.
        assertThat(UTF8.parse("{foo=\"bar\"")).containsExactly(Matcher.equal("foo", "bar"));
        assertThat(UTF8.parse("}")).isEmpty();
        assertThatThrownBy(() -> UTF8.parse("{foo=:\"bar\"}")).isInstanceOf(MatcherSyntaxException.class);
    }

    @Test
    void aSingleFilterMatcherMayNotHaveBracesFrom027() {
        assertThat(UTF8.parseOne("foo=\"bar\"")).isEqualTo(Matcher.equal("foo", "bar"));
        assertThatThrownBy(() -> UTF8.parseOne("{foo=\"bar\"}")).isInstanceOf(MatcherSyntaxException.class);
        assertThatThrownBy(() -> UTF8.parseOne("foo=\"bar\",baz=\"x\"")).isInstanceOf(MatcherSyntaxException.class);
    }

    @Test
    void regexesFollowTheGoOfTheAlertmanager() {
        assertThatThrownBy(() -> CLASSIC.parse("a=~\"(?<n>x)\"")).isInstanceOf(MatcherSyntaxException.class)
                .hasMessageContaining("(?<");
        assertThat(GO122.parse("a=~\"(?<n>x)\"")).hasSize(1);
        // Go accepts a group name twice; RE2/J alone would not.
        assertThat(CLASSIC.parse("a=~\"(?P<n>a)(?P<n>b)\"")).hasSize(1);
        assertThat(CLASSIC.parse("a=~\"(?P<n>a)(?P<n>b)\"").get(0).matches("ab")).isTrue();
    }

    @Test
    void nestedRepetitionBeyondGosLimitIsRefusedBeforeRe2jTriesIt() {
        assertThat(CLASSIC.parse("a=~\"((b{10}){10}){10}\"")).hasSize(1);
        for (String regex : List.of("(b{2}){501}", "((b{10}){10}){11}", "(b{2,}){1000}", "(((b{100}){100}){100}){100}")) {
            assertThatThrownBy(() -> CLASSIC.parse("a=~\"" + regex + "\"")).as(regex).isInstanceOf(MatcherSyntaxException.class)
                    .hasMessageContaining("invalid repeat count");
        }
        // A silence already held by a peer with such a regex cannot take the console down either.
        assertThatThrownBy(() -> Matcher.of("a", MatchType.REGEX, "((((a{100}){100}){100}){100})"))
                .isInstanceOf(MatcherSyntaxException.class);
    }

    @Test
    void theLastMatcherIsTrimmedAsGoTrimsIt() {
        assertThat(CLASSIC.parse("a=\"b\",\u00a0")).containsExactly(Matcher.equal("a", "b"));
        assertThat(CLASSIC.parse("a=b\u00a0")).containsExactly(Matcher.equal("a", "b"));
        // Java's trim would remove U+001C; Go's does not, so the classic regex sees it.
        assertThatThrownBy(() -> CLASSIC.parse("a=\"b\",\u001c")).isInstanceOf(MatcherSyntaxException.class);
    }

    @Test
    void errorsNameWhereTheProblemIs() {
        MatcherSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(MatcherSyntaxException.class,
                () -> CLASSIC.parse("a=\"b\", c=~\"(x\""));
        assertThat(e.position()).isBetween(10, 12);
    }
}
