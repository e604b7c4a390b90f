package io.promdeck.app.logs;

import io.promdeck.app.session.StackSession;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The log source of an open session: the local stack's files, or the cluster's pods; none for a direct-URL profile. */
public final class LogSources {

    private LogSources() {
    }

    public static Optional<LogSource> of(StackSession session, Executor executor) {
        if (session.sandbox().isPresent()) {
            return Optional.of(new LocalLogs(session.sandbox().get(), executor));
        }
        if (session.connection().isPresent() && session.discovered().isPresent()) {
            return Optional.of(new ClusterLogs(session.connection().get().client(), session.connection().get().context().name(),
                    session.discovered().get().namespace(), executor));
        }
        return Optional.empty();
    }
}
