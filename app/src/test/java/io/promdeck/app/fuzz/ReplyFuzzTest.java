package io.promdeck.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.alertmanager.AlertmanagerClient;
import io.promdeck.app.fuzz.JsonMutations.Mutated;
import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.ComponentApi;
import io.promdeck.app.http.Route;
import io.promdeck.app.http.Transport;
import io.promdeck.app.http.TransportRequest;
import io.promdeck.app.http.TransportResponse;
import io.promdeck.app.prometheus.PrometheusClient;
import io.promdeck.app.thanos.ThanosQueryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every JSON reply reader, fed mutations of replies captured from the real Prometheus 2.42 and Alertmanager 0.25
 * (and the Thanos format): whatever arrives, the client returns a typed result — a value, or a Malformed error whose
 * sentence names no Java internals — and never throws.
 */
class ReplyFuzzTest {

    private static final int TRIES = 120;

    /** Answers every request with one fixed body, as a component would. */
    private record Replay(byte[] body) implements Transport {
        @Override
        public TransportResponse exchange(TransportRequest request) {
            return new TransportResponse(200, "application/json", body);
        }

        @Override
        public String target() {
            return "replay";
        }

        @Override
        public Route route() {
            return Route.DIRECT;
        }
    }

    private static byte[] reply(String name) {
        try (InputStream in = Objects.requireNonNull(ReplyFuzzTest.class.getResourceAsStream("/replies/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] thanos() {
        try (InputStream in = Objects.requireNonNull(ReplyFuzzTest.class.getResourceAsStream("/thanos/thanos-stores.json"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> void check(Mutated mutated, Function<ComponentApi, CallResult<T>> call) {
        CallResult<T> result = call.apply(new ComponentApi(new Replay(mutated.body())));
        result.failure().ifPresent(error -> {
            assertThat(error).as(mutated.how()).isInstanceOf(CallError.Malformed.class);
            assertThat(error.summary()).as(mutated.how())
                    .doesNotContain("java.", "Exception", "Cannot invoke", "because \"");
        });
    }

    @Provide
    Arbitrary<Mutated> alertmanagerStatus() {
        return JsonMutations.of(reply("alertmanager-status.json"));
    }

    @Provide
    Arbitrary<Mutated> alertmanagerAlerts() {
        return JsonMutations.of(reply("alertmanager-alerts.json"));
    }

    @Provide
    Arbitrary<Mutated> alertmanagerSilences() {
        return JsonMutations.of(reply("alertmanager-silences.json"));
    }

    @Provide
    Arbitrary<Mutated> alertmanagerGroups() {
        return JsonMutations.of(reply("alertmanager-alerts-groups.json"));
    }

    @Provide
    Arbitrary<Mutated> runtimeInfo() {
        return JsonMutations.of(reply("prometheus-status-runtimeinfo.json"));
    }

    @Provide
    Arbitrary<Mutated> buildInfo() {
        return JsonMutations.of(reply("prometheus-status-buildinfo.json"));
    }

    @Provide
    Arbitrary<Mutated> config() {
        return JsonMutations.of(reply("prometheus-status-config.json"));
    }

    @Provide
    Arbitrary<Mutated> tsdb() {
        return JsonMutations.of(reply("prometheus-status-tsdb.json"));
    }

    @Provide
    Arbitrary<Mutated> flags() {
        return JsonMutations.of(reply("prometheus-status-flags.json"));
    }

    @Provide
    Arbitrary<Mutated> targets() {
        return JsonMutations.of(reply("prometheus-targets.json"));
    }

    @Provide
    Arbitrary<Mutated> rules() {
        return JsonMutations.of(reply("prometheus-rules.json"));
    }

    @Provide
    Arbitrary<Mutated> prometheusAlerts() {
        return JsonMutations.of(reply("prometheus-alerts.json"));
    }

    @Provide
    Arbitrary<Mutated> discovered() {
        return JsonMutations.of(reply("prometheus-alertmanagers.json"));
    }

    @Provide
    Arbitrary<Mutated> query() {
        return JsonMutations.of(reply("prometheus-query.json"));
    }

    @Provide
    Arbitrary<Mutated> stores() {
        return JsonMutations.of(thanos());
    }

    @Property(tries = TRIES)
    void alertmanagerStatusReplies(@ForAll("alertmanagerStatus") Mutated m) {
        check(m, api -> new AlertmanagerClient(api).status());
    }

    @Property(tries = TRIES)
    void alertmanagerAlertReplies(@ForAll("alertmanagerAlerts") Mutated m) {
        check(m, api -> new AlertmanagerClient(api).alerts());
    }

    @Property(tries = TRIES)
    void alertmanagerSilenceReplies(@ForAll("alertmanagerSilences") Mutated m) {
        check(m, api -> new AlertmanagerClient(api).silences());
    }

    @Property(tries = TRIES)
    void alertmanagerGroupReplies(@ForAll("alertmanagerGroups") Mutated m) {
        check(m, api -> new AlertmanagerClient(api).alertGroups());
    }

    @Property(tries = TRIES)
    void runtimeInfoReplies(@ForAll("runtimeInfo") Mutated m) {
        check(m, api -> new PrometheusClient(api).runtimeInfo());
    }

    @Property(tries = TRIES)
    void buildInfoReplies(@ForAll("buildInfo") Mutated m) {
        check(m, api -> new PrometheusClient(api).buildInfo());
    }

    @Property(tries = TRIES)
    void configReplies(@ForAll("config") Mutated m) {
        check(m, api -> new PrometheusClient(api).config());
    }

    @Property(tries = TRIES)
    void tsdbReplies(@ForAll("tsdb") Mutated m) {
        check(m, api -> new PrometheusClient(api).headStats());
    }

    @Property(tries = TRIES)
    void flagReplies(@ForAll("flags") Mutated m) {
        check(m, api -> new PrometheusClient(api).flags());
    }

    @Property(tries = TRIES)
    void targetReplies(@ForAll("targets") Mutated m) {
        check(m, api -> new PrometheusClient(api).targets());
    }

    @Property(tries = TRIES)
    void ruleReplies(@ForAll("rules") Mutated m) {
        check(m, api -> new PrometheusClient(api).rules());
    }

    @Property(tries = TRIES)
    void prometheusAlertReplies(@ForAll("prometheusAlerts") Mutated m) {
        check(m, api -> new PrometheusClient(api).alerts());
    }

    @Property(tries = TRIES)
    void discoveredAlertmanagerReplies(@ForAll("discovered") Mutated m) {
        check(m, api -> new PrometheusClient(api).alertmanagers());
    }

    @Property(tries = TRIES)
    void queryReplies(@ForAll("query") Mutated m) {
        check(m, api -> new PrometheusClient(api).queryVector("up"));
    }

    @Property(tries = TRIES)
    void thanosStoreReplies(@ForAll("stores") Mutated m) {
        check(m, api -> new ThanosQueryClient(api).stores());
    }
}
