package io.promdeck.app.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes a rendered stack for GitOps: one YAML file per component and a {@code kustomization.yaml} listing them.
 * Secret values are masked unless the operator asks for them.
 */
public final class Exporter {

    public static final String MASK = "<masked: set before applying>";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Exporter() {
    }

    /** @return the files written */
    public static List<Path> export(RenderedStack stack, Path folder, boolean includeSecretValues) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (String component : stack.components()) {
            StringBuilder yaml = new StringBuilder();
            for (RenderedObject o : stack.objects()) {
                if (o.component().equals(component)) {
                    HasMetadata object = includeSecretValues ? o.object() : masked(o.object());
                    yaml.append(SERIALIZATION.asYaml(object));
                }
            }
            String file = component + ".yaml";
            written.add(Files.writeString(folder.resolve(file), yaml.toString()));
            resources.add(file);
        }
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
                .append("namespace: ").append(stack.parameters().namespace()).append("\nresources:\n");
        resources.forEach(r -> kustomization.append("  - ").append(r).append('\n'));
        written.add(Files.writeString(folder.resolve("kustomization.yaml"), kustomization.toString()));
        written.add(Files.writeString(folder.resolve("images.txt"), String.join("\n", stack.images()) + "\n"));
        return written;
    }

    static HasMetadata masked(HasMetadata object) {
        if (!(object instanceof Secret secret) || secret.getStringData() == null) {
            return object;
        }
        TreeMap<String, String> masked = new TreeMap<>();
        secret.getStringData().keySet().forEach(k -> masked.put(k, MASK));
        return new SecretBuilder(secret).withStringData(masked).build();
    }
}
