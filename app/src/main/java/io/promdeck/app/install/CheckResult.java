package io.promdeck.app.install;

/** One named validation check: passed, failed (with the reason) or skipped (with why it could not run). */
public record CheckResult(String name, Status status, String detail) {

    public enum Status {
        PASSED, FAILED, SKIPPED
    }

    public static CheckResult passed(String name, String detail) {
        return new CheckResult(name, Status.PASSED, detail);
    }

    public static CheckResult failed(String name, String detail) {
        return new CheckResult(name, Status.FAILED, detail);
    }

    public static CheckResult skipped(String name, String detail) {
        return new CheckResult(name, Status.SKIPPED, detail);
    }

    /** The same result under another name (one check run per shard: "promdeck check config (prometheus-shard-1)"). */
    public CheckResult named(String newName) {
        return new CheckResult(newName, status, detail);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public boolean skipped() {
        return status == Status.SKIPPED;
    }

    @Override
    public String toString() {
        return status + " " + name + (detail.isEmpty() ? "" : ": " + detail);
    }
}
