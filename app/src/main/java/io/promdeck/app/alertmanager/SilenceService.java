package io.promdeck.app.alertmanager;

import io.promdeck.app.http.CallError;
import io.promdeck.app.http.CallResult;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Creates, updates and expires silences the checked way: validate first, send to one peer (the next if it cannot
 * be reached), then wait until every expected peer shows the change through gossip, or the wait runs out.
 * Blocking: call it from a background thread.
 */
public final class SilenceService {

    /** Gossip carries a silence to the other peers in 55–285 ms here; allow for slower clusters. */
    public static final Duration DEFAULT_CONFIRM_WITHIN = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 100;

    private final List<Peer> peers;
    private final Clock clock;

    public SilenceService(List<Peer> peers, Clock clock) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("no Alertmanager peers");
        }
        this.peers = List.copyOf(peers);
        this.clock = clock;
    }

    /** Creates the draft, or updates the silence when the draft carries its id. */
    public SilenceOutcome save(SilenceDraft draft, Duration confirmWithin) throws InterruptedException {
        List<SilenceDraft.Problem> problems = draft.problems(clock.instant());
        if (!problems.isEmpty()) {
            return new SilenceOutcome.Refused(problems);
        }
        CallError lastError = null;
        for (Peer peer : peers) {
            CallResult<String> posted = peer.client().postSilence(draft);
            if (posted instanceof CallResult.Ok<String> ok) {
                // Alertmanager may answer an update with a new id (when the change cannot be made in place it
                // expires the old silence and creates another): confirm the id it returned.
                String id = ok.value();
                PeerConfirmation confirmation = confirm(id, confirmWithin, silence -> silence.isPresent()
                        && silence.get().matchers().equals(draft.matchers())
                        && silence.get().comment().equals(draft.comment()));
                return new SilenceOutcome.Done(id, peer.name(), confirmation);
            }
            lastError = posted.failure().orElseThrow();
            if (isAnswerFromAlertmanager(lastError)) {
                // Alertmanager itself refused it: another peer would refuse it the same way.
                break;
            }
        }
        return new SilenceOutcome.Failed(lastError);
    }

    /** Expires the silence and waits until every peer reports it expired. */
    public SilenceOutcome expire(String silenceId, Duration confirmWithin) throws InterruptedException {
        CallError lastError = null;
        for (Peer peer : peers) {
            CallResult<String> expired = peer.client().expireSilence(silenceId);
            if (expired.isOk()) {
                PeerConfirmation confirmation = confirm(silenceId, confirmWithin,
                        silence -> silence.isPresent() && silence.get().state() == SilenceState.EXPIRED);
                return new SilenceOutcome.Done(silenceId, peer.name(), confirmation);
            }
            lastError = expired.failure().orElseThrow();
            if (isAnswerFromAlertmanager(lastError)) {
                break;
            }
        }
        return new SilenceOutcome.Failed(lastError);
    }

    /** Which peers hold the silence now (no waiting). */
    public PeerConfirmation holders(String silenceId) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Peer peer : peers) {
            seen.put(peer.name(), peer.client().silence(silenceId).isOk());
        }
        return new PeerConfirmation(seen);
    }

    private PeerConfirmation confirm(String silenceId, Duration within, Predicate<Optional<Silence>> done) throws InterruptedException {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        peers.forEach(p -> seen.put(p.name(), false));
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (Peer peer : peers) {
                if (!seen.get(peer.name())) {
                    CallResult<Silence> silence = peer.client().silence(silenceId);
                    seen.put(peer.name(), done.test(silence.ok()));
                }
            }
            if (!seen.containsValue(false) || System.nanoTime() > deadline) {
                return new PeerConfirmation(seen);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static boolean isAnswerFromAlertmanager(CallError error) {
        return error instanceof CallError.HttpError http && !http.fromProxy() && http.status() >= 400 && http.status() < 500;
    }
}
