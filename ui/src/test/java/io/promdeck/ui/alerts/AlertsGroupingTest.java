package io.promdeck.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The alerts panel's grouping and filter completion, without the FX toolkit. */
class AlertsGroupingTest {

    private static final Map<String, List<String>> VALUES = new TreeMap<>(Map.of(
            "alertname", List.of("DiskFull", "DiskSlow", "NodeDown"),
            "severity", List.of("critical", "warning"),
            "namespace", List.of("kube-system", "monitoring"),
            "summary_quote", List.of("say \"hi\"")));

    @Test
    void groupsAreNamedByTheirValuesAndAMissingLabelSaysSo() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("severity", "critical");
        values.put("namespace", "");
        assertThat(AlertGroups.line(values)).isEqualTo("critical · namespace=—");
        assertThat(AlertGroups.line(Map.of("alertname", "DiskFull"))).isEqualTo("DiskFull");
        assertThat(AlertGroups.labels("severity, namespace  receiver")).containsExactly("severity", "namespace", "receiver");
        assertThat(AlertGroups.labels(" ")).containsExactly("alertname");
    }

    @Test
    void completionOffersLabelNamesThenTheirValuesAsTheWholeFilterText() {
        assertThat(FilterSuggestions.of("sev", VALUES)).containsExactly("severity=");
        assertThat(FilterSuggestions.of("severity=\"cr", VALUES)).containsExactly("severity=\"critical\"");
        assertThat(FilterSuggestions.of("{severity=\"critical\", alertname=\"Disk", VALUES))
                .containsExactly("{severity=\"critical\", alertname=\"DiskFull\"", "{severity=\"critical\", alertname=\"DiskSlow\"");
        assertThat(FilterSuggestions.of("severity=\"critical\",n", VALUES)).containsExactly("severity=\"critical\", namespace=");
        assertThat(FilterSuggestions.of("summary_quote=", VALUES)).containsExactly("summary_quote=\"say \\\"hi\\\"\"");
        assertThat(FilterSuggestions.of("nosuchlabel=", VALUES)).isEmpty();
        assertThat(FilterSuggestions.of("", VALUES)).as("no popup over an empty field").isEmpty();
        assertThat(FilterSuggestions.of("{severity=\"critical\", ", VALUES)).isEmpty();
    }
}
