package io.promdeck.app.doctor;

import io.promdeck.app.thanos.StoreSet;
import io.promdeck.app.thanos.StoreStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store gateway's blocks reach back further than the sidecars' local data and join it without a gap: otherwise
 * a stretch of history is in no store, and queries over it come back empty.
 */
final class StoreGatewayCoverage implements Check {

    static final String ID = "thanos.store-coverage";

    @Override
    public Optional<Finding> check(Facts facts) {
        if (!ThanosFacts.present(facts)) {
            return Optional.empty();
        }
        FindingBuilder f = FindingBuilder.of(ID, "History covered without a gap");
        Optional<Map.Entry<String, StoreSet>> stores = ThanosFacts.stores(facts);
        if (stores.isEmpty()) {
            return ThanosFacts.noQuery(f, facts);
        }
        List<StoreStatus> gateways = stores.get().getValue().ofType("store");
        List<StoreStatus> sidecars = stores.get().getValue().ofType("sidecar");
        if (sidecars.isEmpty()) {
            return f.unknown("No sidecar is known, so the local data's range is unknown", "See the sidecar check.");
        }
        long sidecarMin = sidecars.stream().mapToLong(StoreStatus::minTime).min().orElseThrow();
        f.evidence("sidecars", "local data from " + Instant.ofEpochMilli(sidecarMin));
        if (gateways.isEmpty()) {
            return f.subject(Facts.node("thanos", "store")).warn("No store gateway: history older than the replicas' local retention cannot be queried",
                    "Run a Thanos Store Gateway on the bucket the sidecars upload to.");
        }
        long storeMin = gateways.stream().mapToLong(StoreStatus::minTime).min().orElseThrow();
        long storeMax = gateways.stream().mapToLong(StoreStatus::maxTime).max().orElseThrow();
        f.evidence("store gateway", "blocks from " + Instant.ofEpochMilli(storeMin) + " to " + Instant.ofEpochMilli(storeMax));
        f.subject(Facts.node("thanos", "store"));
        if (storeMax < sidecarMin) {
            return f.fail("The bucket's newest block ends " + Instant.ofEpochMilli(storeMax) + " but the local data starts "
                    + Instant.ofEpochMilli(sidecarMin) + ": that stretch is in no store",
                    "Check the sidecars' uploads (see the upload check) and the store gateway's sync with the bucket.");
        }
        if (storeMin > sidecarMin) {
            return f.warn("The bucket does not reach back further than the replicas' local data: uploads may not be happening",
                    "Check the sidecars' uploads; after 2 h a replica should have shipped its first block.");
        }
        return f.ok("The store gateway reaches back past the sidecars, with no gap");
    }
}
