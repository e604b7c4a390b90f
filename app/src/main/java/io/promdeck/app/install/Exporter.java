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
import java.util.Set;
import java.util.TreeMap;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a rendered stack for GitOps: one YAML file per component and a {@code kustomization.yaml} listing them.
 * Secret values are masked value by value unless the operator asks for them: a configuration file inside a Secret
 * keeps its structure (only the values of keys that hold secrets, credentials in URLs and token parameters are
 * replaced, by placeholders of the same type), so every exported file still parses and passes promtool and amtool.
 * An export with secret values is written readable by its owner only (folder rwx------, files rw-------).
 */
public final class Exporter {

    /** Replaces a secret string value. */
    public static final String MASK = "MASKED-set-before-applying";
    /** Replaces a secret URL, so a field that must hold a URL still does. */
    public static final String MASKED_URL = "https://masked.invalid/set-before-applying";
    private static final java.util.regex.Pattern SECRET_KEY = java.util.regex.Pattern.compile(
            "(?i).*(password|token|secret|_key|key_|accesskey|secretkey|credentials|api_url|webhook_url|routing_key|service_key).*");
    private static final java.util.regex.Pattern TOKEN_PARAM = java.util.regex.Pattern.compile(
            "([?&](?:access_token|token|key|secret|sig|signature|api_key|apikey|auth)=)([^&\\s\"']+)", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern URL_USERINFO = java.util.regex.Pattern.compile("(\\b[a-z][a-z0-9+.-]*://)([^/@\\s:]+):([^/@\\s]+)@",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Exporter() {
    }

    /** @return the files written */
    public static List<Path> export(RenderedStack stack, Path folder, boolean includeSecretValues) throws IOException {
        Files.createDirectories(folder);
        if (includeSecretValues) {
            ownerOnly(folder, OWNER_FOLDER);
        }
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
            written.add(write(folder.resolve(file), yaml.toString(), includeSecretValues));
            resources.add(file);
        }
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
                .append("namespace: ").append(stack.parameters().namespace()).append("\nresources:\n");
        resources.forEach(r -> kustomization.append("  - ").append(r).append('\n'));
        written.add(write(folder.resolve("kustomization.yaml"), kustomization.toString(), includeSecretValues));
        written.add(write(folder.resolve("images.txt"), String.join("\n", stack.images()) + "\n", includeSecretValues));
        return written;
    }

    /** What the export did with secrets, for the operator. */
    public static String sentence(int files, Path folder, boolean includeSecretValues) {
        return "Wrote " + files + " files to " + folder + (includeSecretValues
                ? " with secret values, readable by you only (rw-------): keep them out of version control or encrypt them."
                : " with secret values masked (each file keeps its structure; set the values marked " + MASK + " before applying).");
    }

    private static Path write(Path file, String text, boolean ownerOnly) throws IOException {
        if (ownerOnly) {
            // Created empty with owner-only permissions first, so the secret is never readable by others for a moment.
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        return Files.writeString(file, text);
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's own access rules apply.
        }
    }

    static HasMetadata masked(HasMetadata object) {
        if (!(object instanceof Secret secret) || secret.getStringData() == null) {
            return object;
        }
        TreeMap<String, String> masked = new TreeMap<>();
        secret.getStringData().forEach((k, v) -> masked.put(k, maskValue(k, v)));
        return new SecretBuilder(secret).withStringData(masked).build();
    }

    /** One value of a Secret: a YAML or JSON file keeps its structure; anything else is a secret as a whole. */
    static String maskValue(String key, String value) {
        boolean yaml = key.endsWith(".yml") || key.endsWith(".yaml");
        boolean json = key.endsWith(".json");
        if (!yaml && !json) {
            return looksLikeUrl(value) ? MASKED_URL : MASK;
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = yaml ? YAML : io.promdeck.app.http.Json.mapper();
            com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(value);
            if (tree == null || !tree.isContainerNode()) {
                return MASK;
            }
            mask(tree);
            return yaml ? YAML.writeValueAsString(tree) : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            return MASK;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private static void mask(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                com.fasterxml.jackson.databind.JsonNode child = object.get(name);
                if (child.isTextual()) {
                    String text = child.asText();
                    boolean secretKey = SECRET_KEY.matcher(name).matches() && !name.endsWith("_file");
                    object.put(name, secretKey ? (looksLikeUrl(text) ? MASKED_URL : MASK) : maskInUrl(text));
                } else {
                    mask(child);
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, com.fasterxml.jackson.databind.node.TextNode.valueOf(maskInUrl(array.get(i).asText())));
                } else {
                    mask(array.get(i));
                }
            }
        }
    }

    private static boolean looksLikeUrl(String text) {
        return text.startsWith("http://") || text.startsWith("https://");
    }

    /** Credentials in a URL's user info and token-like query parameters; the rest of the URL stays. */
    private static String maskInUrl(String text) {
        String out = URL_USERINFO.matcher(text).replaceAll("$1$2:" + MASK + "@");
        return TOKEN_PARAM.matcher(out).replaceAll("$1" + MASK);
    }
}
