package io.promdeck.app.live;

/** How current a component's data is. */
public enum Freshness {
    /** The last refresh succeeded. */
    OK,
    /** The last refresh failed; the value shown is from an earlier success. */
    STALE,
    /** No refresh has succeeded yet. */
    ERROR,
    /** No answer yet. */
    PENDING
}
