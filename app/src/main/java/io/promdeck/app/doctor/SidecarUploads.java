package io.promdeck.app.doctor;

import io.promdeck.app.cluster.Component;
import io.promdeck.app.live.ReplicaStatus;
import io.promdeck.app.live.Snapshot;
import io.promdeck.app.metrics.MetricsWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Each sidecar uploads its replica's blocks: Prometheus cuts a block every 2 h, so a last upload older than
 * {@link #STALE} (or none, from a replica up that long) means the bucket misses data that the replica will delete.
 */
final class SidecarUploads implements Check {

    static final String ID = "thanos.uploads";
    static final Duration STALE = Duration.ofHours(3);
    static final String LAST_UPLOAD = "thanos_objstore_bucket_last_successful_upload_time";

    @Override
    public Optional<Finding> check(Facts facts) {
        if (!ThanosFacts.present(facts)) {
            return Optional.empty();
        }
        Map<String, Snapshot<MetricsWindow>> sidecars = facts.state().details().components(Component.THANOS_SIDECAR);
        FindingBuilder f = FindingBuilder.of(ID, "Sidecars upload blocks");
        if (sidecars.isEmpty()) {
            return f.unknown("The sidecars' own metrics are not reachable, so their uploads are unknown",
                    "Give the sidecar container a port named sidecar-http (10902) so Promdeck can read its metrics.");
        }
        Map<String, MetricsWindow> fresh = Facts.fresh(sidecars);
        Map<String, ReplicaStatus> replicas = Facts.fresh(facts.state().replicas());
        Verdict worst = Verdict.OK;
        for (Map.Entry<String, MetricsWindow> sidecar : fresh.entrySet()) {
            double last = sidecar.getValue().current().value(LAST_UPLOAD).orElse(0.0);
            var failures = CounterVerdicts.judge(sidecar.getValue(), "thanos_shipper_upload_failures_total", Map.of(), "upload failures", facts);
            ReplicaStatus replica = replicas.get(sidecar.getKey());
            Duration up = replica == null || replica.startTime() == null ? Duration.ZERO : Duration.between(replica.startTime(), facts.now());
            String lastText = last > 0 ? "last upload " + Instant.ofEpochSecond((long) last) : "no upload yet";
            f.evidence(sidecar.getKey(), lastText + "; " + failures.text());
            boolean stale = last > 0 ? Duration.between(Instant.ofEpochSecond((long) last), facts.now()).compareTo(STALE) > 0
                    : up.compareTo(STALE) > 0;
            Verdict v = failures.verdict().worse(stale ? Verdict.WARN : Verdict.OK);
            if (v != Verdict.OK) {
                f.subject(Facts.node("sidecar", sidecar.getKey()));
            }
            worst = worst.worse(v);
        }
        f.evidence(Facts.missing(sidecars));
        return switch (worst) {
            case FAIL -> f.fail("A sidecar fails to upload blocks to the bucket", "Check the sidecar's log and the bucket's credentials (objstore.yml).");
            case WARN -> f.warn("A sidecar has not uploaded a block for " + STALE.toHours() + " h",
                    "Check the sidecar's log; Prometheus must run with --storage.tsdb.min-block-duration=2h and max-block-duration=2h.");
            default -> fresh.size() < sidecars.size() ? f.unknown("The answering sidecars upload; the others are unknown", "Bring them back.")
                    : f.ok("Every sidecar uploads");
        };
    }
}
