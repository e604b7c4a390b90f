package io.promdeck.ui.config;

import io.promdeck.app.config.ConfigTransaction;
import io.promdeck.app.config.LoadedMatch;
import io.promdeck.app.http.CallResult;
import java.time.Duration;

/** One replica or peer of the configuration shown: where it reads it from, what it runs, and the apply's progress. */
public record ConfigReplicaRow(String endpoint, String source, String loaded, boolean differs, String step, String elapsed, String reloads,
        String message, boolean failed) {

    static ConfigReplicaRow of(String endpoint, String source, CallResult<LoadedMatch.Match> loaded) {
        return new ConfigReplicaRow(endpoint, source, loadedText(loaded), loaded == null || !loaded.isOk() || !loaded.orElseThrow().equal(), "", "",
                "", "", false);
    }

    ConfigReplicaRow with(ConfigTransaction.ReplicaProgress p) {
        boolean failed = p.step() == ConfigTransaction.Step.REJECTED || p.step() == ConfigTransaction.Step.NOT_SYNCED
                || p.step() == ConfigTransaction.Step.UNREACHABLE;
        String loadedNow = p.match() == null ? loaded : p.match().equal() ? "runs what was written (" + p.match().loadedHash() + ")"
                : "still differs: " + first(p.match());
        return new ConfigReplicaRow(endpoint, source, loadedNow, p.match() != null ? !p.match().equal() : differs, stepText(p.step()),
                seconds(p.elapsed()), Integer.toString(p.reloads()), p.message(), failed);
    }

    static String loadedText(CallResult<LoadedMatch.Match> loaded) {
        if (loaded == null) {
            return "unknown: not checked";
        }
        if (!loaded.isOk()) {
            return "unknown: " + loaded.failure().map(io.promdeck.app.http.CallError::summary).orElse("no answer");
        }
        LoadedMatch.Match m = loaded.orElseThrow();
        return m.equal() ? "runs its source (" + m.loadedHash() + ")" : "differs from its source: " + first(m);
    }

    static String first(LoadedMatch.Match m) {
        return m.differences().isEmpty() ? "hash " + m.loadedHash() + " ≠ " + m.appliedHash()
                : m.differences().get(0) + (m.differences().size() > 1 ? " (+" + (m.differences().size() - 1) + " more)" : "");
    }

    static String stepText(ConfigTransaction.Step step) {
        return switch (step) {
            case PENDING -> "waiting to start";
            case RELOADING -> "reloading";
            case WAITING -> "waiting for the new file";
            case VERIFIED -> "✓ verified";
            case REJECTED -> "✗ rejected";
            case NOT_SYNCED -> "✗ not synced";
            case UNREACHABLE -> "✗ unreachable";
        };
    }

    /** "57 ms", "2.4 s". */
    static String seconds(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
