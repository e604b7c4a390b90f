package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.LabOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The differential test: every line of {@code matchers/corpus.txt} goes to a real Alertmanager
 * ({@code GET /api/v2/alerts?filter=LINE}: 200 accepted, 400 refused, with its reason) and to Promdeck's validator
 * for that Alertmanager's dialect; every verdict must agree. The verdict table is written to
 * {@code target/matcher-verdicts.tsv}.
 */
class MatcherAcceptanceIT {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension(new LabOptions(0, 1, LabConfigs::prometheus, LabConfigs.rules(),
            t -> LabConfigs.alertmanager(null), List.of(), i -> Map.of()));

    private record Verdict(String line, boolean alertmanager, String alertmanagerSays, boolean promdeck, String promdeckSays) {
        boolean agree() {
            return alertmanager == promdeck;
        }
    }

    @Test
    void promdeckAcceptsAMatcherExactlyWhenAlertmanagerDoes() throws IOException {
        List<String> corpus = corpus();
        AlertmanagerStatus status = LAB.lab().alertmanager(0).client().status().orElseThrow();
        MatcherSyntax syntax = status.dialect().syntax();

        List<Verdict> verdicts = new ArrayList<>();
        for (String line : corpus) {
            String[] real = ask(line);
            String ours;
            boolean accepted;
            try {
                syntax.parseOne(line);
                accepted = true;
                ours = "";
            } catch (MatcherSyntaxException e) {
                accepted = false;
                ours = e.getMessage();
            }
            verdicts.add(new Verdict(line, real[0].equals("200"), real[1], accepted, ours));
        }
        write(verdicts, status);

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
        assertThat(verdicts).filteredOn(v -> !v.agree())
                .as("matchers where Promdeck and %s disagree", status.dialect().describe())
                .isEmpty();
        // The corpus covers both outcomes in numbers: a corpus of only good (or only bad) input proves little.
        assertThat(verdicts.stream().filter(Verdict::alertmanager).count()).isGreaterThan(60);
        assertThat(verdicts.stream().filter(v -> !v.alertmanager()).count()).isGreaterThan(60);
    }

    static List<String> corpus() throws IOException {
        try (var in = Objects.requireNonNull(MatcherAcceptanceIT.class.getResourceAsStream("/matchers/corpus.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
        }
    }

    private static String[] ask(String matcher) throws IOException {
        HttpUrl url = HttpUrl.get(LAB.lab().alertmanager(0).url() + "/api/v2/alerts").newBuilder().addQueryParameter("filter", matcher).build();
        try (Response response = LAB.lab().http().newCall(new Request.Builder().url(url).build()).execute()) {
            String body = response.body().string();
            assertThat(response.code()).as("Alertmanager's answer to %s", matcher).isIn(200, 400);
            return new String[] {Integer.toString(response.code()), response.code() == 200 ? "" : body.strip()};
        }
    }

    private static void write(List<Verdict> verdicts, AlertmanagerStatus status) throws IOException {
        StringBuilder out = new StringBuilder("# " + status.dialect().describe() + "\n");
        out.append("agree\talertmanager\tpromdeck\tmatcher\talertmanager says\tpromdeck says\n");
        Map<String, Integer> table = new TreeMap<>();
        for (Verdict v : verdicts) {
            out.append(v.agree() ? "yes" : "NO").append('\t').append(v.alertmanager() ? "accepts" : "refuses").append('\t')
                    .append(v.promdeck() ? "accepts" : "refuses").append('\t').append(v.line()).append('\t')
                    .append(v.alertmanagerSays()).append('\t').append(v.promdeckSays()).append('\n');
            table.merge((v.alertmanager() ? "accepts" : "refuses") + "/" + (v.promdeck() ? "accepts" : "refuses"), 1, Integer::sum);
        }
        out.append("# alertmanager/promdeck counts: ").append(table).append('\n');
        Path file = Path.of(System.getProperty("basedir", "."), "target", "matcher-verdicts.tsv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }
}
