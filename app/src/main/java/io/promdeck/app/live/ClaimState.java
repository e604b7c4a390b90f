package io.promdeck.app.live;

/** A PersistentVolumeClaim's phase and class. */
public record ClaimState(String name, String phase, String storageClass) {
}
