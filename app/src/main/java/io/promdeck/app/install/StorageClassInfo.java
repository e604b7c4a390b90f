package io.promdeck.app.install;

/** A StorageClass of the target cluster, as the Target step lists it. */
public record StorageClassInfo(String name, String provisioner, boolean isDefault) {

    /** "standard (default) · rancher.io/local-path". */
    public String label() {
        return name + (isDefault ? " (default)" : "") + " · " + provisioner;
    }
}
