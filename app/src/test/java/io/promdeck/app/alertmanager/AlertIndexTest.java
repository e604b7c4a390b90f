package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertIndexTest {

    @Test
    void countsWhatTestingEveryAlertCounts() {
        Random random = new Random(7);
        List<Map<String, String>> alerts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            alerts.add(i % 10 == 0 ? Map.of("alertname", "A" + random.nextInt(5)) : Map.of("alertname", "A" + random.nextInt(5),
                    "instance", "node-" + random.nextInt(50), "severity", random.nextBoolean() ? "critical" : "warning"));
        }
        AlertIndex index = new AlertIndex(alerts);
        List<List<Matcher>> silences = List.of(
                List.of(Matcher.equal("alertname", "A1")),
                List.of(Matcher.equal("alertname", "A1"), Matcher.equal("instance", "node-3")),
                List.of(Matcher.equal("instance", "node-4"), Matcher.of("severity", MatchType.REGEX, "crit.*")),
                // An empty value matches alerts without the label: it must not narrow the candidates.
                List.of(Matcher.equal("instance", ""), Matcher.equal("alertname", "A2")),
                List.of(Matcher.of("alertname", MatchType.NOT_EQUAL, "A0")),
                List.of(Matcher.of("instance", MatchType.REGEX, "node-1.*")),
                List.of(Matcher.equal("alertname", "Nothing")),
                List.of(Matcher.equal("team", "x")));
        for (List<Matcher> matchers : silences) {
            long brute = alerts.stream().filter(a -> Matchers.allMatch(matchers, a)).count();
            assertThat(index.count(matchers)).as(matchers.toString()).isEqualTo(brute);
        }
        assertThat(index.count(List.of(Matcher.equal("instance", ""), Matcher.equal("alertname", "A2")))).isPositive();
    }
}
