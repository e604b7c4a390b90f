package io.promdeck.app.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.promdeck.testing.kube.MockApiExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UninstallExportTest {

    @RegisterExtension
    final MockApiExtension kube = new MockApiExtension();

    private void install(StackParameters p) {
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(StackRenderer.render(p, StackRendererTest.SECRETS)), s -> { });
    }

    private void dataVolume(String namespace, String name) {
        kube.client().persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(StackRenderer.INSTANCE, "promdeck", StackRenderer.PART_OF, "promdeck")).endMetadata().build()).create();
    }

    @Test
    void uninstallKeepsVolumesAndLeavesASecondInstanceAlone() {
        install(StackRendererTest.params());
        install(StackParameters.defaults("staging").with(Map.of("webhookUrl", "https://hooks.example/alert")));
        dataVolume("monitoring", "data-prometheus-0");

        Uninstaller uninstaller = new Uninstaller(kube.client());
        assertThat(uninstaller.listing("monitoring", "promdeck", false)).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("StatefulSet/prometheus", "ClusterRole/promdeck-monitoring-prometheus")
                .doesNotContain("PersistentVolumeClaim/data-prometheus-0", "PersistentVolumeClaim/seaweedfs-data",
                        "ClusterRole/promdeck-staging-prometheus", "Namespace/monitoring");

        ApplyReport report = uninstaller.uninstall("monitoring", "promdeck", false, s -> { });

        assertThat(report.complete()).isTrue();
        assertThat(kube.client().apps().statefulSets().inNamespace("monitoring").withName("prometheus").get()).isNull();
        assertThat(kube.client().rbac().clusterRoles().withName("promdeck-monitoring-prometheus").get()).isNull();
        assertThat(kube.client().persistentVolumeClaims().inNamespace("monitoring").withName("data-prometheus-0").get()).isNotNull();
        assertThat(kube.client().rbac().clusterRoles().withName("promdeck-staging-prometheus").get()).isNotNull();
        assertThat(kube.client().apps().statefulSets().inNamespace("staging").withName("prometheus").get()).isNotNull();

        uninstaller.uninstall("monitoring", "promdeck", true, s -> { });
        assertThat(kube.client().persistentVolumeClaims().inNamespace("monitoring").withName("data-prometheus-0").get()).isNull();
    }

    @Test
    void exportWritesOneFilePerComponentAndMasksSecrets(@TempDir Path folder) throws Exception {
        RenderedStack stack = StackRenderer.render(StackRendererTest.params(), StackRendererTest.SECRETS);

        Exporter.export(stack, folder, false);

        assertThat(folder.resolve("prometheus.yaml")).exists();
        assertThat(Files.readString(folder.resolve("kustomization.yaml"))).contains("  - prometheus.yaml", "  - alertmanager.yaml",
                "namespace: monitoring");
        String all = Files.readString(folder.resolve("object-storage.yaml")) + Files.readString(folder.resolve("grafana.yaml"));
        assertThat(all).doesNotContain("secret/key+1", "grafana-pw", "AKIDTEST").contains(Exporter.MASK);
        assertThat(Files.readString(folder.resolve("images.txt"))).contains("quay.io/prometheus/prometheus:v2.54.1");

        Path withSecrets = folder.resolve("with-secrets");
        List<Path> files = Exporter.export(stack, withSecrets, true);
        assertThat(Files.readString(withSecrets.resolve("grafana.yaml"))).contains("grafana-pw");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(withSecrets))).isEqualTo("rwx------");
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        assertThat(Exporter.sentence(files.size(), withSecrets, true)).contains("readable by you only (rw-------)");
    }

    @Test
    void aMaskedExportKeepsEveryFilesStructureAndPassesAmtool(@TempDir Path folder) throws Exception {
        StackSecrets secrets = new StackSecrets("AKIDTEST", "secret/key+1", "grafana-pw", "https://oapi.dingtalk.com/robot/send?access_token=tok123", "");
        RenderedStack stack = StackRenderer.render(StackRendererTest.params().with(Map.of("dingtalk", true)), secrets);

        List<Path> files = Exporter.export(stack, folder, false);

        StringBuilder all = new StringBuilder();
        Map<String, Map<String, String>> secretFiles = new java.util.HashMap<>();
        io.fabric8.kubernetes.client.utils.KubernetesSerialization serialization = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
        for (Path file : files) {
            String text = Files.readString(file);
            all.append(text);
            if (file.toString().endsWith(".yaml") && !file.endsWith("kustomization.yaml")) {
                for (String document : text.split("(?m)^---\\s*$")) {
                    if (document.isBlank()) {
                        continue;
                    }
                    Object object = serialization.unmarshal(document);
                    if (object instanceof io.fabric8.kubernetes.api.model.Secret secret) {
                        secretFiles.put(secret.getMetadata().getName(), secret.getStringData());
                    }
                }
            }
        }
        assertThat(all).doesNotContain("secret/key+1", "grafana-pw", "AKIDTEST", "tok123");

        // Every file inside a Secret keeps its structure, with placeholders where the secrets were.
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        com.fasterxml.jackson.databind.JsonNode objstore = yaml.readTree(secretFiles.get("thanos-objstore").get("objstore.yml"));
        assertThat(objstore.path("type").asText()).isEqualTo("S3");
        assertThat(objstore.path("config").path("bucket").asText()).isEqualTo("thanos");
        assertThat(objstore.path("config").path("secret_key").asText()).isEqualTo(Exporter.MASK);
        assertThat(objstore.path("config").path("access_key").asText()).isEqualTo(Exporter.MASK);
        assertThat(yaml.readTree(secretFiles.get("dingtalk-config").get("config.yml")).path("targets").path("promdeck").path("url").asText())
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=" + Exporter.MASK);
        assertThat(secretFiles.get("grafana-admin").values()).allMatch(v -> v.equals(Exporter.MASK));

        Path alertmanagerYml = folder.resolve("alertmanager.yml");
        Files.writeString(alertmanagerYml, secretFiles.get("alertmanager-config").values().iterator().next());
        Process amtool = new ProcessBuilder(io.promdeck.testing.Binaries.require("amtool").toString(), "check-config", alertmanagerYml.toString())
                .redirectErrorStream(true).start();
        String output = new String(amtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(amtool.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
        assertThat(Exporter.sentence(files.size(), folder, false)).contains("masked");
    }

    @Test
    void upgradeKeepsGeneratedSecretsAndReadsStoredParameters() throws Exception {
        StackParameters p = StackRendererTest.params();
        StackSecrets first = StackSecrets.generate(new SecureRandom());
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(StackRenderer.render(p, first)), s -> { });

        InstallState state = new InstallState(kube.client());
        StackSecrets again = state.secretsFor("monitoring", StackSecrets.generate(new SecureRandom()));

        assertThat(state.parameters("monitoring")).contains(p);
        assertThat(again.s3SecretKey()).isEqualTo(first.s3SecretKey());
        assertThat(again.grafanaAdminPassword()).isEqualTo(first.grafanaAdminPassword());
        assertThat(new Planner(kube.client()).plan(StackRenderer.render(p, again)).empty()).isTrue();
        assertThat(state.parameters("elsewhere")).isEmpty();
        assertThat(first.toString()).doesNotContain(first.s3SecretKey());

        // A typed secret (the SMTP password) is read back from the cluster too, so an upgrade does not lose it.
        StackParameters mail = p.with(Map.of("emailTo", "oncall@corp.example", "smtpSmarthost", "smtp.corp.example:587",
                "smtpFrom", "alerts@corp.example", "smtpUsername", "alerts"));
        new Applier(kube.client()).apply(new Planner(kube.client()).plan(StackRenderer.render(mail, first.withSmtpPassword("smtp-pw-2"))), s -> { });
        assertThat(state.generatedSecrets("monitoring").smtpPassword()).isEqualTo("smtp-pw-2");
        assertThat(state.secretsFor("monitoring", StackSecrets.generate(new SecureRandom())).smtpPassword()).isEqualTo("smtp-pw-2");
    }
}
