package io.promdeck.app.http;

import io.promdeck.app.metrics.MetricsText;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /-/reload} the checked way, for Prometheus and Alertmanager alike: the reply must be the component's
 * own (empty) answer, and the component's {@code *_config_last_reload_success_timestamp_seconds} must move, read from
 * its own {@code /metrics} before and after (sub-second, unlike {@code lastConfigTime}, which has whole seconds).
 */
public final class Reloads {

    private Reloads() {
    }

    /**
     * @param component "Prometheus" or "Alertmanager", for messages
     * @param prefix    the metric prefix, "prometheus" or "alertmanager"
     */
    public static ReloadResult reload(ComponentApi api, String component, String prefix) {
        long started = System.nanoTime();
        Optional<Double> before = lastSuccess(api, prefix).ok().flatMap(m -> m);
        CallResult<String> answered = api.callExpectingEmpty(TransportRequest.post("/-/reload"),
                "the empty reply " + component + " sends to a reload");
        if (answered instanceof CallResult.Failed<String> failed) {
            return ReloadResult.fromError(failed.error(), since(started));
        }
        CallResult<MetricsText> after = metrics(api, prefix);
        if (after instanceof CallResult.Failed<MetricsText> failed) {
            return ReloadResult.unconfirmed(component + " answered the reload, but reading back whether it took effect failed: "
                    + failed.error().summary(), Optional.of(failed.error()), since(started));
        }
        MetricsText metrics = after.orElseThrow();
        double successful = metrics.value(prefix + "_config_last_reload_successful").orElse(Double.NaN);
        Optional<Double> time = metrics.value(prefix + "_config_last_reload_success_timestamp_seconds");
        if (successful == 0) {
            return ReloadResult.unconfirmed(component + " answered the reload, but reports its last reload as failed",
                    Optional.empty(), since(started));
        }
        if (time.isEmpty()) {
            return ReloadResult.unconfirmed(component + " answered the reload, but its metrics have no last reload time",
                    Optional.empty(), since(started));
        }
        if (before.isPresent() && time.get() <= before.get()) {
            return ReloadResult.unconfirmed(component + " answered the reload, but its last successful reload time did not move",
                    Optional.empty(), since(started));
        }
        return ReloadResult.reloaded(since(started));
    }

    private static CallResult<Optional<Double>> lastSuccess(ComponentApi api, String prefix) {
        return metrics(api, prefix).map(m -> m.value(prefix + "_config_last_reload_success_timestamp_seconds"));
    }

    private static CallResult<MetricsText> metrics(ComponentApi api, String prefix) {
        return api.call(TransportRequest.get("/metrics"), response -> {
            if (ErrorBodies.looksLikeHtml(response.bodyText().strip())) {
                throw new MalformedReplyException(ReplyShape.describe(response) + " where the metrics text was expected");
            }
            return MetricsText.parse(response.bodyText(), prefix + "_config_last_reload");
        });
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
