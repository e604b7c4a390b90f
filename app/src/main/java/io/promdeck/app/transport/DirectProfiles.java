package io.promdeck.app.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdeck.app.cluster.Component;
import io.promdeck.app.http.DirectTransport;
import io.promdeck.app.http.HttpClients;
import io.promdeck.app.input.YamlDocument;
import io.promdeck.app.input.ReadProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Reads direct-URL profiles (YAML), checks them with specific messages, and builds their endpoints. */
public final class DirectProfiles {

    private static final ObjectMapper YAML = ReadProblems.strictMapper();

    private DirectProfiles() {
    }

    /** A profile file that cannot be used, with the line where that is known. */
    public static final class ProfileException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        ProfileException(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public static DirectProfile read(Path file) throws ProfileException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ProfileException("There is no profile file at " + file, 0);
        } catch (IOException e) {
            throw new ProfileException("Cannot read " + file + ": " + e.getMessage(), 0);
        }
    }

    public static DirectProfile parse(String yaml, String source) throws ProfileException {
        YamlDocument document;
        try {
            document = YamlDocument.parse(yaml);
        } catch (YamlDocument.Problem e) {
            throw new ProfileException(source + " " + e.getMessage(), e.line());
        }
        DirectProfile profile;
        try {
            profile = YAML.readValue(yaml, DirectProfile.class);
        } catch (JsonProcessingException e) {
            throw new ProfileException(source + " " + ReadProblems.explain(e, document), ReadProblems.line(e, document));
        }
        if (profile == null) {
            throw new ProfileException(source + " is empty", 0);
        }
        validate(profile, source, document);
        return profile;
    }

    private static void validate(DirectProfile profile, String source, YamlDocument document) throws ProfileException {
        if (profile.prometheus().isEmpty() && profile.alertmanager().isEmpty() && profile.thanosQuery() == null) {
            throw new ProfileException(source + ": list at least one prometheus, alertmanager or thanosQuery URL", 0);
        }
        List<DirectProfile.Entry> all = new ArrayList<>(profile.prometheus());
        all.addAll(profile.alertmanager());
        if (profile.thanosQuery() != null) {
            all.add(profile.thanosQuery());
        }
        all.addAll(profile.thanosSidecars());
        if (profile.thanosCompactor() != null) {
            all.add(profile.thanosCompactor());
        }
        for (DirectProfile.Entry entry : all) {
            HttpUrl url = entry.url() == null ? null : HttpUrl.parse(entry.url());
            if (url == null) {
                int line = entry.url() == null ? 0 : document.lineOfValue(entry.url());
                throw new ProfileException(source + (line > 0 ? " line " + line : "") + ": '" + entry.url()
                        + "' is not an http:// or https:// URL", line);
            }
        }
        DirectProfile.Auth auth = profile.auth();
        if (auth != null && auth.bearerTokenFile() != null && auth.basic() != null) {
            throw new ProfileException(source + ": auth has both bearerTokenFile and basic; choose one", 0);
        }
        if (auth != null && auth.basic() != null && (auth.basic().username() == null || auth.basic().passwordFile() == null)) {
            throw new ProfileException(source + ": basic auth needs username and passwordFile (passwords are not written in profiles)", 0);
        }
    }

    /** Endpoints for every URL of the profile, sharing one HTTP client with the profile's TLS settings. */
    public static StackEndpoints endpoints(DirectProfile profile, Path home) throws ProfileException {
        OkHttpClient http = client(profile.tls(), home);
        Supplier<String> authorization = authorization(profile.auth(), home);
        Map<Component, List<Endpoint>> byComponent = new EnumMap<>(Component.class);
        byComponent.put(Component.PROMETHEUS, entries(Component.PROMETHEUS, profile.prometheus(), http, authorization));
        byComponent.put(Component.ALERTMANAGER, entries(Component.ALERTMANAGER, profile.alertmanager(), http, authorization));
        if (profile.thanosQuery() != null) {
            byComponent.put(Component.THANOS_QUERY, entries(Component.THANOS_QUERY, List.of(profile.thanosQuery()), http, authorization));
        }
        if (!profile.thanosSidecars().isEmpty()) {
            byComponent.put(Component.THANOS_SIDECAR, entries(Component.THANOS_SIDECAR, profile.thanosSidecars(), http, authorization));
        }
        if (profile.thanosCompactor() != null) {
            byComponent.put(Component.THANOS_COMPACTOR, entries(Component.THANOS_COMPACTOR, List.of(profile.thanosCompactor()), http, authorization));
        }
        Map<Component, Integer> expected = new EnumMap<>(Component.class);
        byComponent.forEach((c, list) -> expected.put(c, list.size()));
        return new StackEndpoints("profile " + (profile.name() == null ? "" : profile.name()), byComponent, expected);
    }

    private static List<Endpoint> entries(Component component, List<DirectProfile.Entry> entries, OkHttpClient http,
            Supplier<String> authorization) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DirectProfile.Entry entry = entries.get(i);
            String name = entry.name() == null || entry.name().isBlank() ? component.label() + "-" + i : entry.name();
            HttpUrl url = HttpUrl.parse(entry.url());
            String address = url == null ? "" : url.host() + ":" + url.port();
            endpoints.add(new Endpoint(component, name, new DirectTransport(http, entry.url(), authorization), !entry.loadBalanced(), address));
        }
        return endpoints;
    }

    private static Supplier<String> authorization(DirectProfile.Auth auth, Path home) {
        if (auth == null) {
            return () -> null;
        }
        if (auth.bearerTokenFile() != null) {
            Path file = expand(auth.bearerTokenFile(), home);
            // Read per request: rotated tokens are picked up, and the token is never kept in the profile object.
            return () -> "Bearer " + readSecret(file);
        }
        Path passwordFile = expand(auth.basic().passwordFile(), home);
        String user = auth.basic().username();
        return () -> "Basic " + Base64.getEncoder().encodeToString((user + ":" + readSecret(passwordFile)).getBytes(StandardCharsets.UTF_8));
    }

    private static String readSecret(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
    }

    private static OkHttpClient client(DirectProfile.Tls tls, Path home) throws ProfileException {
        OkHttpClient.Builder builder = HttpClients.defaults();
        if (tls == null) {
            return builder.build();
        }
        try {
            if (tls.insecureSkipVerify()) {
                X509TrustManager trustAll = new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                };
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
                return builder.sslSocketFactory(context.getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true).build();
            }
            if (tls.caFile() != null) {
                X509TrustManager trust = trustManager(expand(tls.caFile(), home));
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trust}, new SecureRandom());
                return builder.sslSocketFactory(context.getSocketFactory(), trust).build();
            }
            return builder.build();
        } catch (GeneralSecurityException | IOException e) {
            throw new ProfileException("Cannot use the TLS settings: " + e.getMessage(), 0);
        }
    }

    private static X509TrustManager trustManager(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new GeneralSecurityException(caFile + " holds no PEM certificate");
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static Path expand(String path, Path home) {
        return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
    }
}
