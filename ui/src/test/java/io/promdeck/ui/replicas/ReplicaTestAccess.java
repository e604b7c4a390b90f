package io.promdeck.ui.replicas;

import io.promdeck.app.live.StackState;
import java.time.Instant;
import java.util.Map;

/** Test access to the replica rows. */
public final class ReplicaTestAccess {

    private ReplicaTestAccess() {
    }

    public static ReplicaRow row(StackState state, Instant now) {
        return ReplicaRows.build(state, null, Map.of(), Map.of(), now).get(0);
    }
}
