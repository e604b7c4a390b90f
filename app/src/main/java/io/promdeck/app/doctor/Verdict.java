package io.promdeck.app.doctor;

/** A check's verdict, from worst to best as the Overview lists them. */
public enum Verdict {
    /** HA is broken, or something an operator must fix now. */
    FAIL,
    /** HA holds, but something is wrong or about to be. */
    WARN,
    /** The data to judge is missing (an endpoint did not answer): never taken as ok. */
    UNKNOWN,
    OK;

    /** The worse of two verdicts. */
    public Verdict worse(Verdict other) {
        return other.ordinal() < ordinal() ? other : this;
    }

    public String word() {
        return switch (this) {
            case FAIL -> "fail";
            case WARN -> "warn";
            case UNKNOWN -> "unknown";
            case OK -> "ok";
        };
    }
}
