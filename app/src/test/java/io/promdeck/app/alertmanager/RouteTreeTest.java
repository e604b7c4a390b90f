package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promdeck.testing.Binaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Where alerts go, by Promdeck's routing tree and by amtool on the same configuration: the same receivers, in the same order. */
class RouteTreeTest {

    private static String resource(String name) throws Exception {
        try (var in = RouteTreeTest.class.getResourceAsStream("/routing/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> labels(String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : line.strip().split("\\s+")) {
            int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return labels;
    }

    @Test
    void everyLabelSetReachesTheReceiversAmtoolNames() throws Exception {
        String yaml = resource("alertmanager.yml");
        Path config = Files.writeString(Files.createTempFile("routes", ".yml"), yaml);
        RouteTree tree = RouteTree.of(new YAMLMapper().readTree(yaml));
        Path amtool = Binaries.require("amtool");
        List<String> sets = resource("labelsets.txt").lines().filter(l -> !l.isBlank()).toList();
        assertThat(sets).hasSizeGreaterThanOrEqualTo(20);
        List<String> differences = new ArrayList<>();
        for (String set : sets) {
            List<String> command = new ArrayList<>(List.of(amtool.toString(), "config", "routes", "test", "--config.file=" + config));
            command.addAll(List.of(set.split("\\s+")));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String ours = String.join(",", tree.route(labels(set)).stream().map(RouteTree.Destination::receiver).toList());
            if (!ours.equals(out)) {
                differences.add(set + ": amtool " + out + ", Promdeck " + ours);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aDestinationCarriesItsTrailAndInheritedSettings() throws Exception {
        RouteTree tree = RouteTree.of(new YAMLMapper().readTree(resource("alertmanager.yml")));
        List<RouteTree.Destination> to = tree.route(Map.of("severity", "critical", "service", "api"));
        assertThat(to).extracting(RouteTree.Destination::receiver).as("continue goes on to the siblings, not back to the parent")
                .containsExactly("web-pager");
        RouteTree.Destination first = to.get(0);
        assertThat(first.trail()).extracting(RouteTree.Route::path).containsExactly("route", "route.routes[1]", "route.routes[1].routes[0]");
        assertThat(first.route().groupBy()).as("inherited from its parent").containsExactly("alertname");
        assertThat(first.route().groupWait()).as("inherited from the root").isEqualTo("10s");
        assertThat(tree.route(Map.of("cluster", "prod-1", "region", "mars"))).singleElement()
                .satisfies(d -> assertThat(d.receiver()).as("a route without a receiver of its own takes its parent's").isEqualTo("default"));
    }

    @Test
    void aBrokenTreeIsASentenceNamingTheRoute() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        assertThatThrownBy(() -> RouteTree.of(yaml.readTree("receivers: []"))).hasMessage("the configuration has no 'route'");
        assertThatThrownBy(() -> RouteTree.of(yaml.readTree("route: {receiver: a, routes: [{matchers: ['x=~\"(\"'], receiver: b}]}")))
                .hasMessageStartingWith("route.routes[0].matchers: 'x=~\"(\"': ");
    }

    @Test
    void typedLabelsAreNameValuePairsWithClearRefusals() {
        assertThat(RouteTree.labels("alertname=Watchdog severity=\"very critical\", team=a\\b  x="))
                .containsExactly(Map.entry("alertname", "Watchdog"), Map.entry("severity", "very critical"), Map.entry("team", "a\\b"),
                        Map.entry("x", ""));
        assertThat(RouteTree.labels("a=\"q\\\"uote\"")).containsEntry("a", "q\"uote");
        assertThatThrownBy(() -> RouteTree.labels("alertname=X severity critical")).hasMessage("'severity' is not name=value (a label name is "
                + "letters, digits and _)");
        assertThatThrownBy(() -> RouteTree.labels("1a=b")).hasMessageStartingWith("'1a' is not a label name");
        assertThatThrownBy(() -> RouteTree.labels("a=b a=c")).hasMessage("label 'a' is given twice");
        assertThatThrownBy(() -> RouteTree.labels("a=\"open")).hasMessage("the value of 'a' has no closing quote");
        assertThatThrownBy(() -> RouteTree.labels("  ,  ")).hasMessageStartingWith("type the alert's labels");
        assertThatThrownBy(() -> RouteTree.ofYaml("route:\n  receiver: a\n  receiver: b\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
    }
}
