package io.promdeck.app.live;

import java.time.Instant;

/** A Kubernetes event about an object in the stack namespace. */
public record EventState(String type, String reason, String message, String objectKind, String objectName, Instant last, int count) {
}
