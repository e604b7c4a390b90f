package io.promdeck.app.install;

/** A PersistentVolumeClaim an upgrade grows in place: its name, size now and size wanted. */
public record ClaimResize(String claim, String before, String after) {

    @Override
    public String toString() {
        return "PersistentVolumeClaim/" + claim + " " + before + " → " + after;
    }
}
