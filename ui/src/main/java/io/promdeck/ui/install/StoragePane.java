package io.promdeck.ui.install;

import io.promdeck.app.install.Backend;
import io.promdeck.app.install.Parameter;
import io.promdeck.ui.common.Labels;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Storage step's view: the backend, local retention and volumes, Thanos retention per resolution, the S3 endpoint. */
final class StoragePane {

    private StoragePane() {
    }

    static Node build(WizardFields fields, StorageStep step, ReadOnlyBooleanProperty busy) {
        ToggleGroup group = new ToggleGroup();
        RadioButton bundled = choice(group, "wizard-backend-bundled", Backend.THANOS_BUNDLED_S3,
                "Thanos with the bundled S3 store (SeaweedFS, one pod with a volume)");
        RadioButton existing = choice(group, "wizard-backend-existing", Backend.THANOS_EXISTING_S3,
                "Thanos with an existing S3-compatible endpoint (AWS S3, MinIO, Ceph RGW…)");
        RadioButton influx = choice(group, "wizard-backend-influxdb", Backend.INFLUXDB,
                "InfluxDB remote storage (Prometheus remote_write/remote_read; no Thanos)");
        RadioButton agents = choice(group, "wizard-backend-agent", Backend.AGENT,
                "Prometheus agents remote-writing to a receiver you name (GreptimeDB, a central Prometheus…; no Thanos)");
        group.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                fields.backend().set((Backend) t.getUserData());
            }
        });
        fields.backend().addListener((obs, old, b) -> group.getToggles().stream().filter(t -> t.getUserData() == b).findFirst()
                .ifPresent(group::selectToggle));
        group.getToggles().stream().filter(t -> t.getUserData() == fields.backend().get()).findFirst().ifPresent(group::selectToggle);

        WizardForms sizes = new WizardForms(fields);
        sizes.text("retention", Parameter.PROMETHEUS_RETENTION);
        sizes.text("prometheus-volume", Parameter.PROMETHEUS_VOLUME);
        sizes.text("alertmanager-volume", Parameter.ALERTMANAGER_VOLUME);
        WizardForms.show(sizes.text("grafana-volume", Parameter.GRAFANA_VOLUME), fields.flag(Parameter.GRAFANA));
        WizardForms thanos = new WizardForms(fields);
        thanos.text("bucket", Parameter.BUCKET);
        thanos.text("store-volume", Parameter.THANOS_STORE_VOLUME);
        thanos.text("compactor-volume", Parameter.THANOS_COMPACTOR_VOLUME);
        thanos.text("retention-raw", Parameter.RETENTION_RAW);
        thanos.text("retention-5m", Parameter.RETENTION_5M);
        thanos.text("retention-1h", Parameter.RETENTION_1H);
        WizardForms bundledForm = new WizardForms(fields);
        bundledForm.text("object-store-volume", Parameter.OBJECT_STORE_VOLUME);
        WizardForms influxForm = new WizardForms(fields);
        influxForm.text("influxdb-volume", Parameter.INFLUXDB_VOLUME);

        WizardForms remote = new WizardForms(fields);
        remote.lines("remote-write", Parameter.REMOTE_WRITE,
                "http://greptimedb-frontend.db:4000/v1/prometheus/write?db=public name=greptime secret=greptime-auth auth=basic user=prom");
        VBox remoteBox = new VBox(8, WizardForms.section("Remote write"), remote.grid(),
                WizardForms.note("One receiver per line: its URL, then optionally name=, secret= (a Secret in the namespace holding 'password' "
                        + "or 'token'), auth=basic|bearer, user=, maxShards=, capacity=, maxSamplesPerSend=. Agents need at least one."));

        WizardForms s3 = new WizardForms(fields);
        s3.text("s3-endpoint", Parameter.S3_ENDPOINT);
        s3.text("s3-region", Parameter.S3_REGION);
        s3.text("s3-access-key", Parameter.S3_ACCESS_KEY);
        s3.text("s3-secret-key", Parameter.S3_SECRET_KEY);
        s3.flag("s3-insecure", Parameter.S3_INSECURE, "Plain HTTP (the endpoint has no TLS)");
        Button test = WizardForms.tip(new Button("Test from the cluster", new FontIcon(Feather.ACTIVITY)),
                "Run a short Job in the namespace that lists the bucket with these keys");
        test.setId("wizard-s3-test");
        test.disableProperty().bind(busy);
        test.setOnAction(e -> step.testS3());
        Button cancelTest = new Button("Cancel test");
        cancelTest.setId("wizard-s3-test-cancel");
        cancelTest.visibleProperty().bind(busy);
        cancelTest.setOnAction(e -> step.cancelS3Test());
        Label result = Labels.verdict("wizard-s3-test-result", step.testResultProperty(), step.testOkProperty());
        VBox s3Box = new VBox(8, WizardForms.section("Existing S3 endpoint"), s3.grid(), new HBox(8, test, cancelTest), result,
                WizardForms.note("The test runs 'thanos tools bucket ls' as a short Job in the target namespace, where Thanos will "
                        + "reach the endpoint from; the Job and its Secret are removed afterwards."));

        WizardForms.show(s3Box, fields.backend().isEqualTo(Backend.THANOS_EXISTING_S3));
        VBox thanosBox = new VBox(8, WizardForms.section("Thanos"), thanos.grid());
        WizardForms.show(thanosBox, fields.backend().isNotEqualTo(Backend.INFLUXDB).and(fields.backend().isNotEqualTo(Backend.AGENT)));
        WizardForms.show(bundledForm.grid(), fields.backend().isEqualTo(Backend.THANOS_BUNDLED_S3));
        WizardForms.show(influxForm.grid(), fields.backend().isEqualTo(Backend.INFLUXDB));
        Label backendError = sizes.error("backend", Parameter.BACKEND);
        return new VBox(10, WizardForms.section("Long-term storage"), bundled, existing, influx, agents, backendError,
                WizardForms.section("Retention and volumes"),
                sizes.grid(), bundledForm.grid(), influxForm.grid(), thanosBox, s3Box, remoteBox);
    }

    private static RadioButton choice(ToggleGroup group, String id, Backend backend, String text) {
        RadioButton button = new RadioButton(text);
        button.setMnemonicParsing(false);
        button.setId(id);
        button.setUserData(backend);
        button.setToggleGroup(group);
        return button;
    }
}
