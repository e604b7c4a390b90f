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
        assertThat(AlertsViewModel.groupLine(values)).isEqualTo("critical · namespace=—");
        assertThat(AlertsViewModel.groupLine(Map.of("alertname", "DiskFull"))).isEqualTo("DiskFull");
        assertThat(AlertsViewModel.groupLabels("severity, namespace  receiver")).containsExactly("severity", "namespace", "receiver");
        assertThat(AlertsViewModel.groupLabels(" ")).containsExactly("alertname");
    }

    @Test
    void completionOffersLabelNamesThenTheirValuesAsTheWholeFilterText() {
        assertThat(AlertsViewModel.suggestions("sev", VALUES)).containsExactly("severity=");
        assertThat(AlertsViewModel.suggestions("severity=\"cr", VALUES)).containsExactly("severity=\"critical\"");
        assertThat(AlertsViewModel.suggestions("{severity=\"critical\", alertname=\"Disk", VALUES))
                .containsExactly("{severity=\"critical\", alertname=\"DiskFull\"", "{severity=\"critical\", alertname=\"DiskSlow\"");
        assertThat(AlertsViewModel.suggestions("severity=\"critical\",n", VALUES)).containsExactly("severity=\"critical\", namespace=");
        assertThat(AlertsViewModel.suggestions("summary_quote=", VALUES)).containsExactly("summary_quote=\"say \\\"hi\\\"\"");
        assertThat(AlertsViewModel.suggestions("nosuchlabel=", VALUES)).isEmpty();
        assertThat(AlertsViewModel.suggestions("", VALUES)).as("no popup over an empty field").isEmpty();
        assertThat(AlertsViewModel.suggestions("{severity=\"critical\", ", VALUES)).isEmpty();
    }
}
