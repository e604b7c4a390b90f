package io.promdeck.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.AlertmanagerDialect;
import io.promdeck.app.alertmanager.Matcher;
import io.promdeck.app.alertmanager.MatcherSyntax;
import io.promdeck.app.alertmanager.MatcherSyntaxException;
import io.promdeck.app.alertmanager.Matchers;
import io.promdeck.app.cluster.KubeconfigException;
import io.promdeck.app.cluster.KubeconfigResolver;
import io.promdeck.app.transport.DirectProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What an operator types or points Promdeck at — matchers, direct profiles, kubeconfigs — fuzzed: every input ends in
 * a value or in the input's own typed error with a sentence, never another exception.
 */
class InputFuzzTest {

    private static final List<MatcherSyntax> DIALECTS = List.of(AlertmanagerDialect.DEFAULT.syntax(),
            new AlertmanagerDialect("0.27.0", "go1.21.6").syntax(), new AlertmanagerDialect("0.28.1", "go1.23.4").syntax());

    private static final String PROFILE = """
            name: dc1
            prometheus:
              - {name: prom-a, url: "http://10.0.0.1:9090"}
              - {url: "http://10.0.0.2:9090"}
            alertmanager:
              - {url: "http://10.0.0.3:9093", loadBalanced: true}
            thanosQuery: {url: "http://10.0.0.5:10902"}
            auth: {bearerTokenFile: ~/token}
            tls: {caFile: /etc/ssl/ca.pem}
            """;

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: lab
              cluster: {server: "https://10.0.0.1:6443", certificate-authority-data: "AAAA"}
            contexts:
            - name: lab
              context: {cluster: lab, user: alice, namespace: monitoring}
            current-context: lab
            users:
            - name: alice
              user:
                token: abc
                exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token]}
            """;

    @Provide
    Arbitrary<String> matcherText() {
        Arbitrary<Character> syntax = Arbitraries.of('{', '}', '=', '!', '~', '"', ',', '\\', '(', ')', '[', ']', '*', '+', '?', '|', '.',
                ' ', 'a', 'b', '_', ':', '-', 'P', '<', '>', '{', '1', '0', '\n', '\u00a0', 'é', '\'', '`', 'Q', 'E', 'p');
        Arbitrary<String> noise = syntax.list().ofMaxSize(40).map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
        Arbitrary<String> shaped = Combinators.combine(Arbitraries.of("a", "alertname", "\"x y\"", "1a", ""), Arbitraries.of("=", "!=", "=~", "!~", "=="),
                noise).as((name, op, value) -> name + op + "\"" + value + "\"");
        return Arbitraries.oneOf(noise, shaped, shaped.list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}"));
    }

    @Property(tries = 2000)
    void matchersParseOrSayWhereTheyAreWrong(@ForAll("matcherText") String text) {
        for (MatcherSyntax syntax : DIALECTS) {
            List<Matcher> parsed;
            try {
                parsed = syntax.parse(text);
            } catch (MatcherSyntaxException e) {
                assertThat(e.position()).isBetween(0, Math.max(0, text.length()));
                assertThat(e.reason()).isNotBlank().doesNotContain("Exception", "java.");
                continue;
            }
            // What was accepted prints to text the same dialect reads back to the same matchers.
            assertThat(syntax.parse(Matchers.print(parsed))).as(text).isEqualTo(parsed);
        }
    }

    @Provide
    Arbitrary<String> profiles() {
        return textMutations(PROFILE);
    }

    @Property(tries = 800)
    void directProfilesParseOrExplain(@ForAll("profiles") String yaml) {
        try {
            DirectProfiles.parse(yaml, "p.yaml");
        } catch (DirectProfiles.ProfileException e) {
            assertThat(e.getMessage()).startsWith("p.yaml").doesNotContain("java.", "Exception", "Cannot invoke");
            assertThat(e.line()).isBetween(0, (int) yaml.lines().count() + 1);
        }
    }

    @Provide
    Arbitrary<String> kubeconfigs() {
        return textMutations(KUBECONFIG);
    }

    @Property(tries = 500)
    void kubeconfigsLoadOrExplain(@ForAll("kubeconfigs") String yaml) throws IOException {
        Path dir = Files.createTempDirectory("kubeconfig-fuzz");
        try {
            Path file = Files.writeString(dir.resolve("config"), yaml);
            try {
                new KubeconfigResolver(Map.of("KUBECONFIG", file.toString()), dir).load();
            } catch (KubeconfigException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("java.", "Exception:", "Cannot invoke", "because \"");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Character-level damage to a good document: deletions, insertions of YAML syntax, duplicated and swapped lines. */
    static Arbitrary<String> textMutations(String original) {
        List<String> lines = original.lines().toList();
        Arbitrary<String> deleted = Combinators.combine(Arbitraries.integers().between(0, original.length() - 1), Arbitraries.integers().between(1, 12))
                .as((at, n) -> original.substring(0, at) + original.substring(Math.min(original.length(), at + n)));
        Arbitrary<String> inserted = Combinators.combine(Arbitraries.integers().between(0, original.length()),
                Arbitraries.of(":", "- ", "{", "}", "[", "]", "\"", "'", "\n  ", "\t", "&a ", "*a", "!!binary ", "? ", "|", ">", "#", ",", "null", "~"))
                .as((at, s) -> original.substring(0, at) + s + original.substring(at));
        Arbitrary<String> duplicated = Arbitraries.integers().between(0, lines.size() - 1).map(i -> {
            java.util.List<String> copy = new java.util.ArrayList<>(lines);
            copy.add(i, lines.get(i));
            return String.join("\n", copy);
        });
        Arbitrary<String> swapped = Combinators.combine(Arbitraries.integers().between(0, lines.size() - 1),
                Arbitraries.integers().between(0, lines.size() - 1)).as((i, j) -> {
                    java.util.List<String> copy = new java.util.ArrayList<>(lines);
                    java.util.Collections.swap(copy, i, j);
                    return String.join("\n", copy);
                });
        return Arbitraries.oneOf(deleted, inserted, duplicated, swapped, Arbitraries.strings().ofMaxLength(200));
    }
}
