package io.promdeck.app.session;

import io.promdeck.app.cluster.DiscoveredStack;
import io.promdeck.app.operator.OperatorResources;

/** Tests' door to the session opener's package-private steps. */
public final class SessionOpenerAccess {

    private SessionOpenerAccess() {
    }

    public static DiscoveredStack withOperatorCounts(DiscoveredStack stack, OperatorResources.Reading reading) {
        return SessionOpener.withOperatorCounts(stack, reading);
    }
}
