package io.promdeck.app.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Supplies the bearer token fabric8's HTTP client sends with every request, renewing it before it expires: from a
 * credential plugin (re-run when its token nears {@code expirationTimestamp}) or from a token file (re-read, as
 * projected service-account tokens rotate on disk).
 */
final class RefreshingTokenProvider implements OAuthTokenProvider {

    /** Renew this long before expiry; tokens without an expiry are renewed after {@link #NO_EXPIRY_LIFETIME}. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    static final Duration NO_EXPIRY_LIFETIME = Duration.ofMinutes(5);

    interface TokenSource {
        /** A fresh token and its expiry (null when unknown). */
        ExecPlugin.Credential fetch() throws KubeconfigException;
    }

    private final TokenSource source;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    RefreshingTokenProvider(TokenSource source, Clock clock, ExecPlugin.Credential first) {
        this.source = source;
        this.clock = clock;
        if (first != null) {
            accept(first);
        }
    }

    static RefreshingTokenProvider forExec(ExecPlugin plugin, ExecPlugin.Credential first, Clock clock) {
        return new RefreshingTokenProvider(plugin::run, clock, first);
    }

    static RefreshingTokenProvider forFile(Path file, Clock clock) throws KubeconfigException {
        TokenSource read = () -> {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new KubeconfigException(KubeconfigException.Kind.INCOMPLETE, "The token file " + file + " is empty");
                }
                return new ExecPlugin.Credential(text, null, null, clock.instant().plus(Duration.ofMinutes(1)));
            } catch (IOException e) {
                throw new KubeconfigException(KubeconfigException.Kind.UNREADABLE, "Cannot read the token file " + file + ": " + e.getMessage());
            }
        };
        return new RefreshingTokenProvider(read, clock, read.fetch());
    }

    @Override
    public synchronized String getToken() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            try {
                accept(source.fetch());
            } catch (KubeconfigException e) {
                throw new KubernetesClientException(e.getMessage(), e);
            }
        }
        return token;
    }

    private void accept(ExecPlugin.Credential credential) {
        token = credential.token();
        Instant now = clock.instant();
        renewAt = credential.expires() == null ? now.plus(NO_EXPIRY_LIFETIME) : credential.expires().minus(RENEW_BEFORE);
    }
}
