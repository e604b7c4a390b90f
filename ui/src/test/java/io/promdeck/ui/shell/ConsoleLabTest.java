package io.promdeck.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promdeck.testing.Await;
import io.promdeck.testing.LabConfigs;
import io.promdeck.testing.LabExtension;
import io.promdeck.testing.PrometheusReplica;
import io.promdeck.testing.kube.KubeconfigWriter;
import io.promdeck.testing.kube.MockApiServer;
import io.promdeck.ui.alerts.AlertRow;
import io.promdeck.ui.peers.PeerRow;
import io.promdeck.ui.replicas.ReplicaRow;
import io.promdeck.ui.silences.SilenceRow;
import io.promdeck.ui.testing.ConsoleFixture;
import io.promdeck.ui.testing.Fx;
import io.promdeck.ui.testing.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * The console as an operator uses it, against the real lab (2 Prometheus, 3 Alertmanagers) reached through the mock
 * API server's pod proxy, clicking and typing. Each step saves a screenshot under ui/target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLabTest {

    @RegisterExtension
    static final LabExtension LAB = new LabExtension();

    private static final String NS = "monitoring";
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static MockApiServer api;
    private static ConsoleFixture console;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        api = new MockApiServer();
        api.userName("alice@example.com");
        Path dir = Files.createTempDirectory("promdeck-ui-kube");
        Path kubeconfig = new KubeconfigWriter().cluster("lab", api.url()).tokenUser("alice", "token-a")
                .context("lab", "lab", "alice", NS).context("staging", "lab", "alice", "staging").current("lab").write(dir.resolve("config"));
        try (KubernetesClient client = api.server().createClient()) {
            for (int i = 0; i < 2; i++) {
                seedPod(client, "prometheus-" + i, "prometheus", "prometheus", 9090);
                api.routePodProxy(NS, "prometheus-" + i, 9090, LAB.lab().prometheus(i).url());
            }
            for (int i = 0; i < 3; i++) {
                seedPod(client, "alertmanager-" + i, "alertmanager", "alertmanager", 9093);
                api.routePodProxy(NS, "alertmanager-" + i, 9093, LAB.lab().alertmanager(i).url());
            }
            statefulSet(client, "prometheus", 2);
            statefulSet(client, "alertmanager", 3);
        }
        console = ConsoleFixture.start(kubeconfig.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        api.close();
    }

    private static void seedPod(KubernetesClient client, String name, String component, String owner, int port) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("app.kubernetes.io/part-of", "promdeck", "app.kubernetes.io/component", component))
                .addNewOwnerReference().withKind("StatefulSet").withName(owner).withController(true).withApiVersion("apps/v1").withUid(owner)
                .endOwnerReference().endMetadata()
                .withNewSpec().withNodeName("node-" + name.charAt(name.length() - 1)).addNewContainer().withName(component).withImage(component)
                .addNewPort().withName("web").withContainerPort(port).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName(component).withRestartCount(0).withReady(true).endContainerStatus().endStatus()
                .build()).create();
    }

    private static void statefulSet(KubernetesClient client, String name, int replicas) {
        client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build()).create();
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> rows(String table) {
        return Fx.get(() -> List.copyOf(((TableView<T>) robot.lookup(table).query()).getItems()));
    }

    private String text(String query) {
        return Fx.get(() -> ((Label) robot.lookup(query).query()).getText());
    }

    /** Selects all the text of a field and types over it, as a person would with Ctrl+A. */
    /** Opens the group-by list and picks a choice, as a person would. */
    private void chooseGroupBy(String choice) {
        robot.clickOn("#alerts-group-by .arrow-button");
        Await.until(WAIT, "the group-by list", () -> robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText(choice))
                .tryQuery().isPresent());
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText(choice)).queryAs(Node.class));
    }

    private void replaceText(String query, String text) {
        robot.clickOn(query).press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL).push(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    private void nav(String panel) {
        robot.clickOn("#nav-" + panel);
    }

    /** Selects the cell's row and opens the table's context menu from the keyboard (Shift+F10), as without a mouse. */
    private void contextMenu(String table, String text) {
        select(table, text);
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        Await.until(WAIT, "the context menu", () -> robot.lookup(".context-menu").tryQuery().map(Node::isVisible).orElse(false));
    }

    /** Chooses an item of the open context menu with the keyboard only: Down until it is focused, then Enter. */
    private void chooseInMenu(String item) {
        moveFocusTo(item);
        robot.push(KeyCode.ENTER);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    private void moveFocusTo(String text) {
        for (int i = 0; i < 24 && !focusedMenuItem().equals(text); i++) {
            robot.push(KeyCode.DOWN);
        }
        assertThat(focusedMenuItem()).isEqualTo(text);
    }

    /** The text of the focused item of the innermost open menu ("" when none is focused). */
    private String focusedMenuItem() {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return Fx.get(() -> robot.lookup(".context-menu .menu-item").match(n -> n.getPseudoClassStates().contains(
                javafx.css.PseudoClass.getPseudoClass("focused")) && n.getScene() != null && n.getScene().getWindow().isShowing())
                .queryAll().stream().flatMap(n -> ((javafx.scene.Parent) n).getChildrenUnmodifiable().stream())
                .filter(c -> c instanceof Label).map(c -> ((Label) c).getText()).reduce((first, second) -> second).orElse(""));
    }

    /** The item of an open menu (a popup of a menu button or a context menu) showing {@code text}, once it is there. */
    private java.util.Optional<Node> menuItem(String text) {
        Await.until(WAIT, "the menu item " + text, () -> findMenuItem(text).isPresent());
        return findMenuItem(text);
    }

    private java.util.Optional<Node> findMenuItem(String text) {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".context-menu .label").match(n -> n instanceof Label l && text.equals(l.getText()) && n.getScene() != null
                && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).tryQuery();
    }

    /** The collapse arrow of an alert group's line. */
    private Node groupArrow(String group) {
        Await.until(WAIT, "the group " + group, () -> robot.lookup("#alert-groups .list-cell")
                .match(n -> n instanceof javafx.scene.control.ListCell<?> c && group.equals(c.getText())).tryQuery().isPresent());
        return Fx.get(() -> ((javafx.scene.control.ListCell<?>) robot.lookup("#alert-groups .list-cell")
                .match(n -> n instanceof javafx.scene.control.ListCell<?> c && group.equals(c.getText())).query()).getGraphic());
    }

    /** The row of the replica called {@code name}, whatever the table's sort order. */
    private ReplicaRow replica(String name) {
        return this.<ReplicaRow>rows("#replicas-table").stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * A cell showing {@code text} in a real, visible row of the table: the table's virtual flow keeps off-screen
     * cells for measuring, and clicking one of those selects nothing.
     */
    private Node cell(String table, String text) {
        Node tableNode = robot.lookup(table).query();
        return Fx.get(() -> robot.lookup(table + " .table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.isVisible()
                && text.equals(c.getText()) && c.getTableRow() != null && c.getTableRow().getIndex() >= 0
                && c.getTableRow().getItem() != null && c.getTableRow().isVisible() && attached(c, tableNode)).queryAs(Node.class));
    }

    /**
     * Clicks the row showing {@code text} until the table has selected it: a refresh that replaces the rows between
     * finding the cell and the click can swallow a click, and a person would simply click again.
     */
    private void select(String table, String text) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Node cell = cell(table, text);
            robot.clickOn(cell);
            boolean selected = Fx.get(() -> {
                Object selectedItem = ((TableView<?>) robot.lookup(table).query()).getSelectionModel().getSelectedItem();
                return selectedItem != null && selectedItem.toString().contains(text);
            });
            if (selected) {
                return;
            }
        }
        throw new AssertionError("three clicks on " + text + " in " + table + " selected nothing");
    }

    /** Whether the node hangs under {@code table} now and lies inside its bounds (cells left over by a re-layout do not). */
    private static boolean attached(Node node, Node table) {
        Node at = node;
        while (at != null && at != table) {
            if (!at.isVisible()) {
                return false;
            }
            at = at.getParent();
        }
        if (at == null) {
            return false;
        }
        javafx.geometry.Bounds cell = node.localToScene(node.getBoundsInLocal());
        javafx.geometry.Bounds whole = table.localToScene(table.getBoundsInLocal());
        return whole.contains(cell.getCenterX(), cell.getCenterY());
    }

    @Test
    @Order(1)
    void connectsThroughTheContextListAndShowsWhatTheUserMayDo() throws java.io.IOException {
        Await.until(WAIT, "the contexts", () -> Fx.get(() -> ((ListView<?>) robot.lookup("#contexts").query()).getItems().size()) == 2);
        // The kubeconfig's current-context is selected, as kubectl would use it.
        Await.until(WAIT, "the current context preselected", () -> Fx.get(() -> ((ListView<io.promdeck.app.cluster.KubeContext>) robot
                .lookup("#contexts").query()).getSelectionModel().getSelectedItem()) != null);
        assertThat(Fx.get(() -> ((ListView<io.promdeck.app.cluster.KubeContext>) robot.lookup("#contexts").query())
                .getSelectionModel().getSelectedItem().name())).isEqualTo("lab");
        console.screenshot("connect-contexts");

        // The transport chosen by keyboard (Alt+T focuses it), remembered for the context.
        robot.press(KeyCode.ALT).press(KeyCode.T).release(KeyCode.T).release(KeyCode.ALT);
        Await.until(WAIT, "the transport box focused", () -> Fx.get(() -> robot.lookup("#transport").query().isFocused()));
        robot.push(KeyCode.DOWN);
        assertThat(Fx.get(() -> ((javafx.scene.control.ComboBox<?>) robot.lookup("#transport").query()).getValue()))
                .isEqualTo(java.util.Optional.of(io.promdeck.app.transport.TransportMode.POD_PROXY));
        robot.clickOn("#connect");

        Await.until(WAIT, "connected", () -> text("#health").startsWith("Connected"), () -> text("#health"));
        nav("connect");
        Await.until(WAIT, "the preflight summary", () -> robot.lookup("#capabilities").tryQuery().isPresent());
        assertThat(text("#capabilities")).isEqualTo("can monitor, can act, can install");
        assertThat(text("#connect-user")).isEqualTo("Connected to lab / monitoring as alice@example.com");
        assertThat(Fx.get(() -> ((TableView<?>) robot.lookup("#discovery").query()).getItems().size())).isEqualTo(5);
        assertThat(text("#connect-transport")).isEqualTo("Transport: Pod proxy — pod proxy, chosen for this context");
        assertThat(Files.exists(console.home().resolve(".config/promdeck/transports.json"))).isTrue();
        assertThat(Files.readString(console.home().resolve(".config/promdeck/transports.json"))).contains("\"lab\" : \"POD_PROXY\"");
        // The preflight as a table: every resource asked about, each verb allowed (everything is, for this user).
        List<io.promdeck.app.cluster.RbacMatrix.Row> rbac = rows("#rbac-table");
        assertThat(rbac).extracting(io.promdeck.app.cluster.RbacMatrix.Row::resource).contains("pods", "pods/proxy", "secrets", "namespaces");
        assertThat(rbac).noneMatch(io.promdeck.app.cluster.RbacMatrix.Row::anyDenied);
        robot.clickOn("#rbac .title");
        console.screenshot("connect-connected");
        robot.clickOn("#rbac .title");
    }

    @Test
    @Order(2)
    void replicasPanelShowsBothReplicasAndReloadAllSucceeds() {
        nav("prometheus");
        Await.until(WAIT, "two replicas with data", () -> this.<ReplicaRow>rows("#replicas-table").stream()
                .filter(r -> r.freshness().equals("live") && !r.version().equals("—")).count() == 2);
        List<ReplicaRow> rows = rows("#replicas-table");
        assertThat(rows).extracting(ReplicaRow::name).containsExactly("prometheus-0", "prometheus-1");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.ready()).isEqualTo("ready");
            assertThat(r.hashDiffers()).isFalse();
            assertThat(r.lastReload()).isEqualTo("succeeded");
        });

        robot.clickOn("#reload-all");

        Await.until(WAIT, "both reloaded", () -> this.<ReplicaRow>rows("#replicas-table").stream()
                .allMatch(r -> r.reloadResult().startsWith("Reloaded and confirmed in")));
        console.screenshot("prometheus-reload-all");
        // The Reload buttons and results are on screen at 1280x800 without scrolling.
        Node reload = robot.lookup("#reload-prometheus-1").query();
        assertThat(Fx.get(() -> reload.localToScene(reload.getBoundsInLocal()).getMaxX())).isLessThan(1280);

        // Sorted by a header click (twice: descending), and still so after the next refreshes replace the rows.
        Node header = robot.lookup("#replicas-table .column-header .label").match(LabeledMatchers.hasText("Replica")).queryAs(Node.class);
        robot.clickOn(header).clickOn(header);
        Await.until(WAIT, "sorted descending", () -> this.<ReplicaRow>rows("#replicas-table").get(0).name().equals("prometheus-1"));
        javafx.scene.control.TableView<ReplicaRow> table = robot.lookup("#replicas-table").query();
        java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();
        Fx.get(() -> {
            table.getItems().addListener((javafx.collections.ListChangeListener<ReplicaRow>) c -> refreshes.incrementAndGet());
            return null;
        });
        Await.until(WAIT, "two refreshes", () -> refreshes.get() >= 2);
        assertThat(this.<ReplicaRow>rows("#replicas-table")).extracting(ReplicaRow::name).containsExactly("prometheus-1", "prometheus-0");
        select("#replicas-table", "prometheus-0");
        assertThat(Fx.get(() -> io.promdeck.ui.common.Tables.selectionText(table))).startsWith("Replica\t").contains("prometheus-0\t");
        console.screenshot("prometheus-sorted");
        robot.clickOn(header);
    }

    @Test
    @Order(3)
    void reloadAllShowsPrometheusErrorInTheBrokenReplicasRowOnly() {
        PrometheusReplica broken = LAB.lab().prometheus(1);
        try {
            broken.writeConfig(broken.originalConfig().replace("scrape_interval: 2s", "scrape_interval: [2s"));
            nav("prometheus");
            robot.clickOn("#reload-all");

            Await.until(WAIT, "the failed reload in prometheus-1's row", () -> this.<ReplicaRow>rows("#replicas-table").stream()
                    .anyMatch(r -> r.name().equals("prometheus-1") && r.reloadFailed()));
            assertThat(replica("prometheus-1").reloadResult()).contains("couldn't load configuration").contains("yaml");
            assertThat(replica("prometheus-0").reloadFailed()).isFalse();
            assertThat(replica("prometheus-0").reloadResult()).startsWith("Reloaded and confirmed in");
            Await.until(WAIT, "the failed reload flagged", () -> replica("prometheus-1").lastReload().equals("FAILED"));
            console.screenshot("prometheus-reload-failed");
            nav("overview");
            Await.until(WAIT, "the overview problem", () -> Fx.get(() -> ((ListView<io.promdeck.app.doctor.Finding>) robot.lookup("#overview-findings")
                    .query()).getItems().stream().anyMatch(f -> f.summary().startsWith("prometheus-1: the last reload failed"))));
            console.screenshot("overview-problem");
        } finally {
            broken.restoreConfig();
            assertThat(broken.client().reload().succeeded()).isTrue();
        }
    }

    @Test
    @Order(4)
    void alertsAreDeduplicatedAndFilteredInMatcherSyntax() {
        nav("alerts");
        Await.until(WAIT, "the firing lab alert", () -> this.<AlertRow>rows("#alerts-table").stream()
                .anyMatch(r -> r.name().equals(LabConfigs.ALWAYS_FIRING) && r.held().equals("3/3")));
        assertThat(this.<AlertRow>rows("#alerts-table")).filteredOn(r -> r.name().equals(LabConfigs.ALWAYS_FIRING)).hasSize(1);
        assertThat(Fx.get(() -> List.copyOf(((ListView<String>) robot.lookup("#alert-groups").query()).getItems())))
                .contains(LabConfigs.ALWAYS_FIRING + " (1)");
        console.screenshot("alerts");
        assertThat(this.<AlertRow>rows("#alerts-table").get(0).receivers()).isEqualTo("lab-receiver");

        // Karma's habits: group by another label, a label chip narrows the filter, an annotation link opens the browser.
        chooseGroupBy("severity");
        Await.until(WAIT, "grouped by severity", () -> Fx.get(() -> List.copyOf(((ListView<String>) robot.lookup("#alert-groups").query())
                .getItems())).contains("warning (1)"));
        // Karma's collapsible groups: the arrow hides the group's alerts from the table, its count stays.
        robot.clickOn(groupArrow("warning (1)"));
        Await.until(WAIT, "the group collapsed", () -> this.<AlertRow>rows("#alerts-table").stream()
                .noneMatch(r -> r.name().equals(LabConfigs.ALWAYS_FIRING)));
        assertThat(text("#alerts-counts")).contains("in collapsed groups");
        assertThat(text("#alerts-placeholder")).isEqualTo("All 1 matching alert is in collapsed groups: expand a group to list them.");
        assertThat(Fx.get(() -> ((Label) groupArrow("warning (1)")).getText())).isEqualTo("▸");
        console.screenshot("alerts-group-collapsed");
        robot.clickOn(groupArrow("warning (1)"));
        Await.until(WAIT, "the group expanded", () -> this.<AlertRow>rows("#alerts-table").stream()
                .anyMatch(r -> r.name().equals(LabConfigs.ALWAYS_FIRING)));
        assertThat(text("#alerts-counts")).doesNotContain("collapsed");
        select("#alerts-table", LabConfigs.ALWAYS_FIRING);
        robot.clickOn("#chip-severity");
        Await.until(WAIT, "the chip's matcher in the filter", () -> Fx.get(() -> ((javafx.scene.control.TextField) robot.lookup("#alerts-filter")
                .query()).getText()).equals("{severity=\"warning\"}"));
        List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.promdeck.ui.common.Browser.install(opened::add);
        robot.clickOn("#alert-link-runbook_url");
        assertThat(opened).containsExactly("http://127.0.0.1:9/runbooks/lab-always-firing");
        console.screenshot("alerts-grouped");
        replaceText("#alerts-filter", "");
        chooseGroupBy("alertname");
        Await.until(WAIT, "grouped by name", () -> Fx.get(() -> List.copyOf(((ListView<String>) robot.lookup("#alert-groups").query())
                .getItems())).contains(LabConfigs.ALWAYS_FIRING + " (1)"));
        robot.doubleClickOn(LabConfigs.ALWAYS_FIRING + " (1)");
        Await.until(WAIT, "the group filter", () -> Fx.get(() -> ((javafx.scene.control.TextField) robot.lookup("#alerts-filter").query())
                .getText()).equals("{alertname=\"" + LabConfigs.ALWAYS_FIRING + "\"}"));
        replaceText("#alerts-filter", "");

        replaceText("#alerts-filter", "severity=\"critical\"");
        Await.until(WAIT, "the filter applied", () -> this.<AlertRow>rows("#alerts-table").isEmpty());
        assertThat(text("#alerts-placeholder")).startsWith("No alert matches the filter (");
        assertThat(text("#alerts-counts")).startsWith("0 of ");
        replaceText("#alerts-filter", "severity=~\"(\"");
        Await.until(WAIT, "the filter error", () -> !text("#alerts-filter-error").isEmpty());
        assertThat(text("#alerts-filter-error")).contains("invalid regular expression");
        console.screenshot("alerts-filter-error");
        replaceText("#alerts-filter", "");
        Await.until(WAIT, "the filter cleared", () -> !this.<AlertRow>rows("#alerts-table").isEmpty());
    }

    @Test
    @Order(5)
    void silenceDialogRefusesABadMatcherAtTheFieldThenConfirmsOnEveryPeer() {
        nav("alerts");
        Await.until(WAIT, "the alert", () -> !this.<AlertRow>rows("#alerts-table").isEmpty());
        select("#alerts-table", LabConfigs.ALWAYS_FIRING);
        robot.clickOn("#alert-silence");
        Await.until(WAIT, "the silence dialog", () -> robot.lookup("#silence-matchers").tryQuery().isPresent());
        int before = LAB.lab().alertmanager(0).client().silences().orElseThrow().items().size();

        replaceText("#silence-matchers", "alertname=~\"(unclosed\"");
        Await.until(WAIT, "the matcher error at the field", () -> text("#silence-matchers-error").contains("invalid regular expression"));
        Node create = robot.lookup("#silence-create").query();
        assertThat(create.isDisabled()).isTrue();
        robot.clickOn("#silence-comment").write("planned maintenance of the lab");
        assertThat(create.isDisabled()).isTrue();
        Screenshots.window("silence-invalid-matcher", create);
        robot.clickOn(create);
        assertThat(LAB.lab().alertmanager(0).client().silences().orElseThrow().items()).hasSize(before);

        replaceText("#silence-matchers", "alertname=\"" + LabConfigs.ALWAYS_FIRING + "\"");
        Await.until(WAIT, "the preview", () -> text("#silence-preview").equals("1 alert matches"));
        assertThat(text("#silence-matchers-error")).isEmpty();
        robot.clickOn(create);

        Await.until(WAIT, "the confirmation", () -> text("#silence-result").contains("confirmed on"), () -> text("#silence-result"));
        assertThat(text("#silence-result")).endsWith("confirmed on 3/3 peers");
        Screenshots.window("silence-confirmed", create);
        robot.clickOn("#silence-close");

        Await.until(WAIT, "the alert suppressed", () -> this.<AlertRow>rows("#alerts-table").stream()
                .anyMatch(r -> r.name().equals(LabConfigs.ALWAYS_FIRING) && r.state().equals("suppressed")));
        console.screenshot("alerts-suppressed");
    }

    @Test
    @Order(6)
    void silencesPanelListsTheSilenceAndExpiresItOnConfirmation() {
        nav("silences");
        Await.until(WAIT, "the active silence", () -> this.<SilenceRow>rows("#silences-table").stream().anyMatch(r -> r.state().equals("active")));
        console.screenshot("silences");
        robot.clickOn(robot.lookup("#silences-table .table-cell").match(LabeledMatchers.hasText("planned maintenance of the lab"))
                .queryAs(Node.class));
        robot.clickOn("#silence-expire");
        robot.clickOn("OK");

        Await.until(WAIT, "expired on every peer", () -> text("#silences-result").contains("confirmed on 3/3 peers"), () -> text("#silences-result"));
        Await.until(WAIT, "the silence listed as expired", () -> this.<SilenceRow>rows("#silences-table").stream()
                .noneMatch(r -> r.state().equals("active")));
        console.screenshot("silences-expired");

        // Three silences from an amtool JSON file, then all three expired at once, each confirmed on every peer.
        String json = io.promdeck.app.alertmanager.SilenceExport.write(java.util.stream.IntStream.range(0, 3).mapToObj(i ->
                new io.promdeck.app.alertmanager.Silence("old-" + i, List.of(io.promdeck.app.alertmanager.Matcher.equal("alertname",
                        "Bulk" + i)), java.time.Instant.now(), java.time.Instant.now().plusSeconds(3600), null, "amtool-user", "bulk " + i,
                        io.promdeck.app.alertmanager.SilenceState.ACTIVE)).toList());
        Fx.get(() -> {
            console.console().window().silencesModel().importSilences(json);
            return null;
        });
        Await.until(WAIT, "imported", () -> text("#silences-result").startsWith("Imported"), () -> text("#silences-result"));
        assertThat(text("#silences-result")).isEqualTo("Imported 3/3 silences, confirmed on every peer");
        replaceText("#silences-filter", "bulk");
        Await.until(WAIT, "the three active bulk silences", () -> this.<SilenceRow>rows("#silences-table").stream()
                .filter(r -> r.state().equals("active")).count() == 3);
        assertThat(this.<SilenceRow>rows("#silences-table")).allSatisfy(r -> {
            assertThat(r.comment()).contains("(imported; by amtool-user)");
            assertThat(r.matching()).isEqualTo("0");
        });
        robot.clickOn(robot.lookup("#silences-table .table-cell").match(LabeledMatchers.hasText("bulk 0 (imported; by amtool-user)"))
                .queryAs(Node.class));
        robot.press(KeyCode.SHORTCUT).press(KeyCode.A).release(KeyCode.A).release(KeyCode.SHORTCUT);
        console.screenshot("silences-bulk-selected");
        robot.clickOn("#silence-expire");
        robot.clickOn("OK");
        Await.until(WAIT, "all three expired", () -> text("#silences-result").startsWith("Expired 3/3"), () -> text("#silences-result"));
        Await.until(WAIT, "none active", () -> this.<SilenceRow>rows("#silences-table").stream().noneMatch(r -> r.state().equals("active")));
        console.screenshot("silences-bulk-expired");
        replaceText("#silences-filter", "");
    }

    @Test
    @Order(7)
    void peersPanelFlagsAKilledAlertmanager() {
        nav("alertmanager");
        Await.until(WAIT, "three peers seeing each other", () -> this.<PeerRow>rows("#peers-table").stream()
                .filter(r -> r.seen().equals("3 of 3 expected peers")).count() == 3);
        robot.clickOn("#peers-reload-all");
        Await.until(WAIT, "every peer reloaded", () -> this.<PeerRow>rows("#peers-table").stream()
                .allMatch(r -> !r.reloadResult().isEmpty() && !r.reloadFailed()), () -> rows("#peers-table").toString());
        console.screenshot("alertmanager-peers");
        try {
            LAB.lab().alertmanager(2).kill();

            Await.until(WAIT, "the survivors to miss it", () -> this.<PeerRow>rows("#peers-table").stream()
                    .filter(r -> r.seen().equals("2 of 3 expected peers")).count() == 2, () -> rows("#peers-table").toString());
            assertThat(this.<PeerRow>rows("#peers-table").get(2).error()).contains("Kubernetes API server").contains("error trying to reach service");
            Await.until(WAIT, "the matrix to flag it", () -> Fx.get(() -> ((Label) robot.lookup("#sees-0-2").query()).getText()).equals("✗"));
            assertThat(Fx.get(() -> robot.lookup("#peer-problems").lookup(".label").queryAllAs(Label.class).stream()
                    .map(Label::getText).toList())).anySatisfy(p -> assertThat(p).contains("alertmanager-2 does not answer"))
                    .anySatisfy(p -> assertThat(p).contains("sees 2 of 3 expected peers"));
            assertThat(text("#health")).startsWith("Degraded");
            console.screenshot("alertmanager-peer-killed");
        } finally {
            LAB.lab().heal();
        }
    }

    @Test
    @Order(8)
    void darkThemeAndOverview() {
        nav("overview");
        robot.clickOn("#theme");
        Await.until(WAIT, "the overview's findings", () -> Fx.get(() -> ((ListView<?>) robot.lookup("#overview-findings").query())
                .getItems().size()) >= 10);
        console.screenshot("overview-dark");
        robot.clickOn("#theme");
        console.screenshot("overview");

        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        Await.until(WAIT, "the search shortcut to open the alerts filter", () -> Fx.get(() -> robot.lookup("#alerts-filter").query().isFocused()));
    }

    @Test
    @Order(9)
    void aDiscoveryOverrideIsCheckedAtTheFieldSavedAndUsed() {
        nav("connect");
        robot.clickOn("#override-selector").write("prometheus");
        robot.clickOn("#override-save");
        Await.until(WAIT, "the selector error", () -> text("#override-error").contains("not a label=value pair"));
        console.screenshot("connect-override-error");

        replaceText("#override-selector", "app.kubernetes.io/component=prometheus");
        robot.clickOn("#override-save");

        console.screenshot("connect-override-saving");
        // Saving rediscovers: a new session opens (and the window shows the overview, as after any connect).
        Await.until(WAIT, "the rediscovered session", () -> Fx.get(() -> {
            var session = console.console().session().sessionProperty().get();
            return session != null && session.discovered().map(d -> d.of(io.promdeck.app.cluster.Component.PROMETHEUS).stream()
                    .allMatch(p -> p.rule().equals("override: selector app.kubernetes.io/component=prometheus"))).orElse(false);
        }));
        nav("connect");
        Await.until(WAIT, "the discovery table", () -> robot.lookup("#discovery").tryQuery().isPresent());
        assertThat(Fx.get(() -> ((TableView<io.promdeck.app.cluster.DiscoveredPod>) robot.lookup("#discovery").query()).getItems()))
                .filteredOn(p -> p.name().startsWith("prometheus"))
                .allSatisfy(p -> assertThat(p.rule()).isEqualTo("override: selector app.kubernetes.io/component=prometheus"));
        assertThat(Files.exists(console.home().resolve(".config/promdeck/discovery-overrides.json"))).isTrue();
        Await.until(WAIT, "connected again", () -> text("#health").startsWith("Connected"));
        console.screenshot("connect-override");
    }

    private static void event(String name, String type, String reason, String pod, String message, int count) {
        try (KubernetesClient client = api.server().createClient()) {
            client.v1().events().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.EventBuilder().withNewMetadata().withName(name)
                    .endMetadata().withType(type).withReason(reason).withMessage(message).withCount(count)
                    .withLastTimestamp(java.time.Instant.now().toString())
                    .withNewInvolvedObject().withKind("Pod").withName(pod).withNamespace(NS).endInvolvedObject().build()).create();
        }
    }

    @Test
    @Order(10)
    void eventsAreLiveWarningsFirstAndFiltered() {
        event("prometheus-0.started", "Normal", "Started", "prometheus-0", "Started container prometheus", 1);
        event("prometheus-1.backoff", "Warning", "BackOff", "prometheus-1", "Back-off restarting failed container prometheus", 4);
        nav("events");
        Await.until(WAIT, "both events", () -> this.<io.promdeck.ui.events.EventRow>rows("#events-table").size() == 2);
        assertThat(this.<io.promdeck.ui.events.EventRow>rows("#events-table")).extracting(io.promdeck.ui.events.EventRow::reason)
                .containsExactly("BackOff", "Started");
        assertThat(text("#events-status")).startsWith("2 of 2 events in monitoring (1 warning) — watched live");
        console.screenshot("events");

        // A new event appears without a refresh: the informer delivers it.
        event("alertmanager-2.unhealthy", "Warning", "Unhealthy", "alertmanager-2", "Readiness probe failed: HTTP probe failed with statuscode: 503", 2);
        Await.until(WAIT, "the new warning", () -> this.<io.promdeck.ui.events.EventRow>rows("#events-table").size() == 3);
        robot.clickOn("#events-warnings");
        Await.until(WAIT, "warnings only", () -> this.<io.promdeck.ui.events.EventRow>rows("#events-table").size() == 2);
        robot.clickOn("#events-filter").write("readiness");
        Await.until(WAIT, "the filter", () -> this.<io.promdeck.ui.events.EventRow>rows("#events-table").size() == 1);
        assertThat(this.<io.promdeck.ui.events.EventRow>rows("#events-table").get(0).object()).isEqualTo("Pod/alertmanager-2");
        console.screenshot("events-filtered");
    }

    @Test
    @Order(11)
    void logsOfALabProcessThroughThePodLogEndpoint() throws java.io.IOException {
        Path log = LAB.lab().prometheus(0).process().log();
        api.podLog(NS, "prometheus-0", () -> {
            try {
                return Files.readString(log);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        nav("logs");
        Await.until(WAIT, "the pods", () -> Fx.get(() -> ((javafx.scene.control.ComboBox<?>) robot.lookup("#logs-pod").query()).getItems().size()) == 5);
        assertThat(Fx.get(() -> ((javafx.scene.control.ComboBox<io.promdeck.app.logs.LogSource.Target>) robot.lookup("#logs-pod").query())
                .getValue().pod())).isEqualTo("alertmanager-0");
        robot.clickOn("#logs-pod");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText("prometheus-0")).queryAs(Node.class));
        replaceText("#logs-tail", "lots");
        console.screenshot("logs-tail-error");
        robot.clickOn("#logs-show");
        Await.until(WAIT, "the field error", () -> !text("#logs-tail-error").isEmpty());
        assertThat(text("#logs-tail-error")).isEqualTo("\"lots\" is not a number of lines (1 to 50000)");

        replaceText("#logs-tail", "5");
        robot.clickOn("#logs-show");
        Await.until(WAIT, "five lines", () -> Fx.get(() -> ((ListView<String>) robot.lookup("#logs-lines").query()).getItems().size()) == 5);
        List<String> shown = Fx.get(() -> List.copyOf(((ListView<String>) robot.lookup("#logs-lines").query()).getItems()));
        // The lab process's own lines, the last five of its log when they were read (it may have written more since).
        assertThat(Files.readString(log)).contains(String.join("\n", shown));
        assertThat(text("#logs-tail-error")).isEmpty();
        assertThat(text("#logs-status")).startsWith("5 lines of prometheus-0/prometheus, read at");
        assertThat(text("#logs-command")).isEqualTo("kubectl --context lab -n monitoring logs prometheus-0 -c prometheus --tail=5");
        robot.clickOn("#logs-search").write("level=");
        Await.until(WAIT, "the matches", () -> text("#logs-matches").equals("5 matching lines"));
        robot.push(KeyCode.ENTER);
        Await.until(WAIT, "the first match selected", () -> Fx.get(() -> ((ListView<String>) robot.lookup("#logs-lines").query())
                .getSelectionModel().getSelectedIndex()) == 0);
        console.screenshot("logs");

        robot.clickOn("#logs-previous");
        robot.clickOn("#logs-show");
        Await.until(WAIT, "the server's answer", () -> text("#logs-status").contains("previous terminated container"));
        assertThat(Fx.get(() -> ((ListView<String>) robot.lookup("#logs-lines").query()).getItems())).isEmpty();
        console.screenshot("logs-no-previous");
        robot.clickOn("#logs-previous");

        robot.clickOn("#logs-follow");
        // The mock answers a followed log with what there is and ends the stream; the panel says so.
        Await.until(WAIT, "the end of the stream", () -> text("#logs-status").contains("the log stream ended"));
        assertThat(Fx.get(() -> ((ListView<String>) robot.lookup("#logs-lines").query()).getItems())).hasSize(5);
        assertThat(text("#logs-command")).endsWith(" -f");
    }

    @Test
    @Order(12)
    void copyAsCurlFromTheReplicasTableGivesTheConsolesAnswerWhenRun() throws Exception {
        nav("prometheus");
        Await.until(WAIT, "the replicas", () -> this.<ReplicaRow>rows("#replicas-table").size() == 2);
        contextMenu("#replicas-table", "prometheus-1");
        chooseInMenu("Copy as curl: Build info");
        String curl = Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());

        assertThat(curl).startsWith("curl -sS -H \"Authorization: Bearer $TOKEN\" ")
                .endsWith("/api/v1/namespaces/monitoring/pods/prometheus-1:9090/proxy/api/v1/status/buildinfo")
                .doesNotContain("token-a");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", curl).redirectErrorStream(true);
        builder.environment().put("TOKEN", "token-a");
        Process process = builder.start();
        String answer = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        java.net.http.HttpResponse<String> direct = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(LAB.lab().prometheus(1).url() + "/api/v1/status/buildinfo")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer).isEqualTo(direct.body());

        // Asked for, the token is written in: the command runs as pasted, without $TOKEN.
        contextMenu("#replicas-table", "prometheus-1");
        chooseInMenu("Copy as curl with my token (secret): Build info");
        Await.until(WAIT, "the command with the token", () -> Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .contains("token-a"));
        String withToken = Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(withToken).startsWith("curl -sS -H 'Authorization: Bearer token-a' ");
        Process pasted = new ProcessBuilder("sh", "-c", withToken).redirectErrorStream(true).start();
        assertThat(new String(pasted.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(direct.body());
        assertThat(pasted.waitFor()).isZero();

        contextMenu("#replicas-table", "prometheus-1");
        chooseInMenu("Copy as kubectl: Reload");
        assertThat(Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).isEqualTo(
                "kubectl --context lab create --raw /api/v1/namespaces/monitoring/pods/prometheus-1:9090/proxy/-/reload -f /dev/null");
        robot.push(KeyCode.ESCAPE);
    }

    @Test
    @Order(13)
    void openInBrowserGoesThroughAPortForwardThatTheConsoleCloses() throws Exception {
        List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.promdeck.ui.common.Browser.install(opened::add);
        robot.clickOn("#open-in-browser");
        robot.clickOn(menuItem("Alertmanager — alertmanager-1").orElseThrow());
        Await.until(WAIT, "the browser opened", () -> !opened.isEmpty());
        assertThat(opened.get(0)).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(text("#web-ui-status")).isEqualTo("Opened Alertmanager alertmanager-1 at " + opened.get(0) + " (port-forward)");
        console.screenshot("open-in-browser");

        // What the browser would get: the real Alertmanager's own page and API, through the mock API server's port-forward.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(opened.get(0))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Alertmanager</title>");
        java.net.http.HttpResponse<String> api = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(opened.get(0) + "api/v2/status"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(api.body()).contains("\"cluster\"");

        robot.clickOn("#open-in-browser");
        robot.clickOn(menuItem("Close the port-forwards (1)").orElseThrow());
        Await.until(WAIT, "the forward closed", () -> text("#web-ui-status").equals("Closed 1 port-forward."));
        java.net.URI uri = java.net.URI.create(opened.get(0));
        Await.until(WAIT, "the local port to refuse connections", () -> {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", uri.getPort()), 1000);
                return false;
            } catch (java.io.IOException e) {
                return true;
            }
        });
    }

    private void keys(KeyCode... chord) {
        for (KeyCode key : chord) {
            robot.press(key);
        }
        for (int i = chord.length - 1; i >= 0; i--) {
            robot.release(chord[i]);
        }
    }

    private boolean showing(String panelNode) {
        return Fx.get(() -> robot.lookup(panelNode).tryQuery().map(n -> n.getScene() != null && n.isVisible()).orElse(false));
    }

    @Test
    @Order(14)
    void theKeyboardAloneReachesPanelsShortcutsAndControls() {
        nav("overview");
        keys(KeyCode.F1);
        Await.until(WAIT, "the shortcut list", () -> showing("#shortcuts-table"));
        assertThat(Fx.get(() -> ((TableView<Shortcuts.Shortcut>) robot.lookup("#shortcuts-table").query()).getItems()))
                .extracting(Shortcuts.Shortcut::keys).contains("F1 or ?", "F5 or Ctrl+R", "Ctrl+7", "Shift+F10 or Menu");
        io.promdeck.ui.testing.Screenshots.window("shortcuts", robot.lookup("#shortcuts-table").query());
        keys(KeyCode.ESCAPE);
        Await.until(WAIT, "the list closed", () -> !showing("#shortcuts-table"));

        // Ctrl+7: the Events panel, focus inside it; Tab to the filter, type, and the table narrows.
        keys(KeyCode.CONTROL, KeyCode.DIGIT7);
        Await.until(WAIT, "the events panel", () -> showing("#events-table"));
        Await.until(WAIT, "the focus in the events filter", () -> Fx.get(() -> robot.lookup("#events-filter").query().isFocused()));
        robot.write("unhealthy");
        Await.until(WAIT, "the keyboard's filter", () -> this.<io.promdeck.ui.events.EventRow>rows("#events-table").size() == 1);
        keys(KeyCode.CONTROL, KeyCode.A);
        keys(KeyCode.BACK_SPACE);

        // Ctrl+2: the replicas; Tab reaches the table, Down selects a row, Ctrl+C copies it.
        keys(KeyCode.CONTROL, KeyCode.DIGIT2);
        Await.until(WAIT, "the replicas panel", () -> showing("#replicas-table"));
        for (int i = 0; i < 12 && !Fx.get(() -> robot.lookup("#replicas-table").query().isFocused()); i++) {
            keys(KeyCode.TAB);
        }
        assertThat(Fx.get(() -> robot.lookup("#replicas-table").query().isFocused())).as("the replicas table reached with Tab").isTrue();
        keys(KeyCode.DOWN);
        Await.until(WAIT, "a selected replica", () -> Fx.get(() -> ((TableView<?>) robot.lookup("#replicas-table").query())
                .getSelectionModel().getSelectedItem()) != null);
        keys(KeyCode.CONTROL, KeyCode.C);
        assertThat(Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).startsWith("Replica\t").contains("prometheus-");

        // "?" opens the list too, but not while typing in a field.
        keys(KeyCode.CONTROL, KeyCode.DIGIT6);
        Await.until(WAIT, "the silences panel", () -> showing("#silences-table"));
        robot.clickOn("#silences-filter").write("?");
        assertThat(showing("#shortcuts-table")).isFalse();
        keys(KeyCode.CONTROL, KeyCode.A);
        keys(KeyCode.BACK_SPACE);
    }

    @Test
    @Order(15)
    void everyPanelInTheDarkTheme() {
        robot.clickOn("#theme");
        try {
            for (String panel : List.of("overview", "prometheus", "alertmanager", "thanos", "alerts", "silences", "events", "logs", "config",
                    "audit", "connect")) {
                nav(panel);
                console.screenshot(panel + "-dark");
            }
            Node sparkline = robot.lookup(".sparkline").tryQuery().orElse(null);
            assertThat(io.promdeck.ui.common.ThemeColors.darkProperty().get()).isTrue();
            // The canvas colour is the dark theme's accent, not the light one's.
            assertThat(Fx.get(io.promdeck.ui.common.ThemeColors::accent)).isNotEqualTo(javafx.scene.paint.Color.web("#0969da"));
            assertThat(sparkline == null || sparkline instanceof io.promdeck.ui.common.Sparkline).isTrue();
        } finally {
            robot.clickOn("#theme");
        }
        assertThat(Fx.get(io.promdeck.ui.common.ThemeColors::accent)).isEqualTo(javafx.scene.paint.Color.web("#0969da"));
    }
}
