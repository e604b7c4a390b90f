package io.promdeck.app.config;

import io.promdeck.app.http.CallResult;
import io.promdeck.app.http.Durations;
import io.promdeck.app.http.ReloadResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Applying a configuration as one transaction: write every source only if none changed since it was read (optimistic
 * concurrency; a conflict writes nothing, or undoes what it wrote), then on every replica at once: reload, and read back
 * what it loaded, until it is the configuration written — only then "verified".
 *
 * <p>How the new file is waited for: <b>reload until the loaded configuration matches</b>. After a ConfigMap update
 * the kubelet takes up to a minute or more (its sync period plus the ConfigMap cache) to change the mounted file; a
 * reload before that reloads the old file and succeeds. So each replica is reloaded and compared again, 0.5, 1, 2, 4,
 * then every 5 s, until its loaded configuration is the one written, the component refuses it (its own error, the
 * old configuration still running: a rejection), or the bound passes (not synced: said plainly, nothing assumed).
 * Reloading an unchanged file is harmless. A file source is on disk at once: its first reload is the one that counts.
 */
public final class ConfigTransaction {

    /** What a replica is doing or has come to. */
    public enum Step {
        PENDING, RELOADING, WAITING, VERIFIED, REJECTED, NOT_SYNCED, UNREACHABLE;

        public boolean finished() {
            return this == VERIFIED || this == REJECTED || this == NOT_SYNCED || this == UNREACHABLE;
        }
    }

    /**
     * One replica's progress.
     *
     * @param reloads how many reloads it took
     * @param match   the last comparison of what it loaded with what was written (null before the first)
     */
    public record ReplicaProgress(String endpoint, Step step, Duration elapsed, int reloads, String message, LoadedMatch.Match match) {
    }

    public enum Outcome {
        /** Every replica runs the configuration written. */
        VERIFIED,
        /** Written, but not every replica runs it (rejected, not synced, unreachable): see each. */
        NOT_EVERYWHERE,
        /** Someone else changed a source since it was read: nothing of this change is in place. */
        CONFLICT
    }

    /**
     * @param before the sources as they were before (for a rollback); empty on a conflict
     * @param after  the sources as written; empty on a conflict
     */
    public record Result(Outcome outcome, Map<String, ReplicaProgress> replicas, Map<ConfigSource, SourceDocument> before,
            Map<ConfigSource, SourceDocument> after, Duration elapsed, String sentence, ConcurrentChange conflict) {
        public Result {
            replicas = Map.copyOf(replicas);
            before = Map.copyOf(before);
            after = Map.copyOf(after);
        }
    }

    /** Progress as it happens, from the replicas' threads. */
    @FunctionalInterface
    public interface Listener {
        void progress(ReplicaProgress progress);
    }

    /** Waits between attempts (tests make it instant). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ConfigStore store;
    private final ExecutorService executor;
    private final Sleeper sleeper;
    private final Duration syncBound;

    /** @param syncBound how long a replica may take to get the new file before it is reported not synced */
    public ConfigTransaction(ConfigStore store, ExecutorService executor, Sleeper sleeper, Duration syncBound) {
        this.store = store;
        this.executor = executor;
        this.sleeper = sleeper;
        this.syncBound = syncBound;
    }

    /** What each source gets when {@code edited} is applied: per-replica files keep their own replica label value. */
    public static Map<ConfigSource, String> contents(ConfigUnit unit, Map<ConfigSource, SourceDocument> read, String edited, String replicaLabel) {
        Map<ConfigSource, String> out = new LinkedHashMap<>();
        boolean perReplica = unit.kind() == ConfigKind.PROMETHEUS && unit.sources().size() > 1;
        for (ConfigSource source : unit.sources()) {
            out.put(source, perReplica ? ReplicaValue.keep(edited, read.get(source).content(), replicaLabel) : edited);
        }
        return out;
    }

    /**
     * Writes {@code contents} (each source only if it still has the version in {@code read}) and verifies every
     * target. Blocking: run it off the UI thread.
     */
    public Result apply(ConfigUnit unit, Map<ConfigSource, SourceDocument> read, Map<ConfigSource, String> contents, Map<String, ConfigTarget> targets,
            Listener listener) throws IOException, InterruptedException {
        long started = System.nanoTime();
        // Every source first, so a change elsewhere is found before anything is written.
        for (ConfigSource source : unit.sources()) {
            SourceDocument now = store.read(source);
            if (!now.version().equals(read.get(source).version())) {
                ConcurrentChange conflict = new ConcurrentChange(read.get(source), now);
                return new Result(Outcome.CONFLICT, Map.of(), Map.of(), Map.of(), since(started), conflict.getMessage(), conflict);
            }
        }
        Map<ConfigSource, SourceDocument> written = new LinkedHashMap<>();
        for (ConfigSource source : unit.sources()) {
            try {
                written.put(source, store.write(read.get(source), contents.get(source)));
            } catch (ConcurrentChange conflict) {
                undo(written, read);
                return new Result(Outcome.CONFLICT, Map.of(), Map.of(), Map.of(), since(started), conflict.getMessage()
                        + (written.isEmpty() ? "" : " The " + written.size() + " source(s) already written were put back."), conflict);
            }
        }
        Map<String, ReplicaProgress> replicas = verifyAll(unit, contents, targets, listener, started);
        Map<ConfigSource, SourceDocument> before = new LinkedHashMap<>(read);
        before.keySet().retainAll(written.keySet());
        boolean all = replicas.values().stream().allMatch(p -> p.step() == Step.VERIFIED);
        return new Result(all ? Outcome.VERIFIED : Outcome.NOT_EVERYWHERE, replicas, before, written, since(started), sentence(replicas), null);
    }

    /**
     * Only the second half: the sources already hold {@code contents} (written by someone else, an install's apply);
     * reloads every target until it runs them. Blocking.
     */
    public Result verify(ConfigUnit unit, Map<ConfigSource, String> contents, Map<String, ConfigTarget> targets, Listener listener)
            throws InterruptedException {
        long started = System.nanoTime();
        Map<String, ReplicaProgress> replicas = verifyAll(unit, contents, targets, listener, started);
        boolean all = replicas.values().stream().allMatch(p -> p.step() == Step.VERIFIED);
        return new Result(all ? Outcome.VERIFIED : Outcome.NOT_EVERYWHERE, replicas, Map.of(), Map.of(), since(started), sentence(replicas), null);
    }

    private Map<String, ReplicaProgress> verifyAll(ConfigUnit unit, Map<ConfigSource, String> contents, Map<String, ConfigTarget> targets,
            Listener listener, long started) throws InterruptedException {
        Map<String, Future<ReplicaProgress>> running = new LinkedHashMap<>();
        for (String endpoint : unit.endpoints()) {
            ConfigTarget target = targets.get(endpoint);
            String content = contents.get(unit.sourceOf(endpoint));
            running.put(endpoint, executor.submit(() -> verify(target, content, listener)));
        }
        Map<String, ReplicaProgress> replicas = new LinkedHashMap<>();
        for (Map.Entry<String, Future<ReplicaProgress>> e : running.entrySet()) {
            try {
                replicas.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException ex) {
                replicas.put(e.getKey(), new ReplicaProgress(e.getKey(), Step.UNREACHABLE, since(started), 0, String.valueOf(ex.getCause()), null));
            } catch (InterruptedException ex) {
                running.values().forEach(f -> f.cancel(true));
                throw ex;
            }
        }
        return replicas;
    }

    /** Puts back what a conflicted apply wrote (each written source to its content as read). */
    private void undo(Map<ConfigSource, SourceDocument> written, Map<ConfigSource, SourceDocument> read) {
        for (Map.Entry<ConfigSource, SourceDocument> e : written.entrySet()) {
            try {
                store.write(e.getValue(), read.get(e.getKey()).content());
            } catch (IOException | ConcurrentChange ignored) {
                // Someone changed it again meanwhile: theirs stays; the conflict message already says to read again.
            }
        }
    }

    private ReplicaProgress verify(ConfigTarget target, String written, Listener listener) throws InterruptedException {
        long started = System.nanoTime();
        int reloads = 0;
        int attempt = 0;
        LoadedMatch.Match last = null;
        String unreachable = "";
        while (true) {
            listener.progress(new ReplicaProgress(target.endpoint(), Step.RELOADING, since(started), reloads, "reloading", last));
            ReloadResult reload = target.reload();
            reloads++;
            CallResult<LoadedMatch.Match> match = target.compare(written);
            if (match.isOk()) {
                last = match.orElseThrow();
            }
            if (reload.outcome() == ReloadResult.Outcome.REJECTED) {
                ReplicaProgress p = new ReplicaProgress(target.endpoint(), Step.REJECTED, since(started), reloads,
                        "refused the new configuration and keeps running the previous one: " + reload.message(), last);
                listener.progress(p);
                return p;
            }
            if (last != null && match.isOk() && last.equal()) {
                ReplicaProgress p = new ReplicaProgress(target.endpoint(), Step.VERIFIED, since(started), reloads,
                        "runs the new configuration (loaded " + last.loadedHash() + " = applied " + last.appliedHash() + ") after "
                                + Durations.words(since(started)) + (reloads > 1 ? ", " + reloads + " reloads" : ""), last);
                listener.progress(p);
                return p;
            }
            if (reload.outcome() == ReloadResult.Outcome.NOT_DELIVERED || !match.isOk()) {
                unreachable = reload.outcome() == ReloadResult.Outcome.NOT_DELIVERED ? reload.message() : match.failure().map(f -> f.summary())
                        .orElse("");
            } else {
                unreachable = "";
            }
            Duration elapsed = since(started);
            if (elapsed.compareTo(syncBound) >= 0) {
                ReplicaProgress p = unreachable.isEmpty()
                        ? new ReplicaProgress(target.endpoint(), Step.NOT_SYNCED, elapsed, reloads, "still runs the previous configuration after "
                        + Durations.words(elapsed) + ": the mounted file has not changed yet (the kubelet syncs ConfigMaps about every "
                        + "minute, plus its cache). Reload it again later, or roll back." + differences(last), last)
                        : new ReplicaProgress(target.endpoint(), Step.UNREACHABLE, elapsed, reloads, "could not be reached to verify: " + unreachable,
                        last);
                listener.progress(p);
                return p;
            }
            listener.progress(new ReplicaProgress(target.endpoint(), Step.WAITING, elapsed, reloads, unreachable.isEmpty()
                    ? "still runs the previous configuration; waiting for the new file (" + Durations.words(elapsed) + ")"
                    : "not answering (" + unreachable + "); trying again", last));
            sleeper.sleep(backoff(attempt++));
        }
    }

    private static String differences(LoadedMatch.Match match) {
        return match == null || match.differences().isEmpty() ? "" : " Loaded differs at " + match.differences().get(0) + ".";
    }

    static Duration backoff(int attempt) {
        long[] millis = {500, 1000, 2000, 4000};
        return Duration.ofMillis(attempt < millis.length ? millis[attempt] : 5000);
    }

    private static String sentence(Map<String, ReplicaProgress> replicas) {
        List<String> verified = new ArrayList<>();
        List<String> other = new ArrayList<>();
        replicas.values().forEach(p -> (p.step() == Step.VERIFIED ? verified : other).add(p.endpoint()));
        if (other.isEmpty()) {
            return "Verified on every replica: " + String.join(", ", verified) + " run the new configuration.";
        }
        return "Not everywhere: " + String.join(", ", other) + " do not run the new configuration" + (verified.isEmpty() ? ""
                : " (" + String.join(", ", verified) + " do)") + ". Roll back to put the previous configuration back everywhere.";
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
