package io.promdeck.app.alertmanager;

import io.promdeck.app.http.CallError;
import java.util.List;

/** What creating, updating or expiring a silence through {@link SilenceService} came to. */
public sealed interface SilenceOutcome {

    String summary();

    /** Accepted and shown by every peer. */
    default boolean confirmedEverywhere() {
        return this instanceof Done done && done.confirmation().complete();
    }

    /** The silence's id when one was made or expired; "" otherwise. */
    default String silenceId() {
        return this instanceof Done done ? done.silenceId() : "";
    }

    /** Promdeck's validation refused the draft; nothing was sent. */
    record Refused(List<SilenceDraft.Problem> problems) implements SilenceOutcome {
        public Refused {
            problems = List.copyOf(problems);
        }

        @Override
        public String summary() {
            return String.join("; ", problems.stream().map(SilenceDraft.Problem::message).toList());
        }
    }

    /** No peer accepted it; {@code error} is the last peer's answer (Alertmanager's own message for a 4xx). */
    record Failed(CallError error) implements SilenceOutcome {
        @Override
        public String summary() {
            return error.summary();
        }
    }

    /** Accepted by {@code acceptedBy}; {@code confirmation} says which peers show it. */
    record Done(String silenceId, String acceptedBy, PeerConfirmation confirmation) implements SilenceOutcome {
        @Override
        public String silenceId() {
            return silenceId;
        }

        @Override
        public String summary() {
            return "silence " + silenceId + " " + confirmation;
        }
    }
}
