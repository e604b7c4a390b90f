package io.promdeck.ui.session;

import io.promdeck.app.audit.AuditEntry;
import io.promdeck.app.audit.AuditLog;
import io.promdeck.app.session.StackSession;
import io.promdeck.ui.common.Tasks;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Records the console's actions in the audit log, off the UI thread, naming who did it and where from the session
 * (the cluster's user name and "context / namespace", or the workstation's user and the profile or local stack).
 */
public final class AuditTrail {

    private final Optional<AuditLog> log;
    private final Tasks tasks;
    private final Clock clock;
    private final Supplier<StackSession> session;

    public AuditTrail(AuditLog log, Tasks tasks, Clock clock, Supplier<StackSession> session) {
        this.log = Optional.of(log);
        this.tasks = tasks;
        this.clock = clock;
        this.session = session;
    }

    private AuditTrail() {
        this.log = Optional.empty();
        this.tasks = null;
        this.clock = Clock.systemUTC();
        this.session = () -> null;
    }

    /** Records nothing (view-model tests without a settings folder). */
    public static AuditTrail none() {
        return new AuditTrail();
    }

    public Optional<AuditLog> log() {
        return log;
    }

    /** The user the session acts as: the cluster's name for them, else the workstation's user. */
    public String who() {
        return whoOf(session.get());
    }

    /** The cluster's name for the user of {@code s}, else the workstation's user. */
    public static String whoOf(StackSession s) {
        return s != null && s.userName() != null && !s.userName().isBlank() ? s.userName() : System.getProperty("user.name", "unknown");
    }

    public String where() {
        StackSession s = session.get();
        return s == null ? "" : s.title();
    }

    /** An action on the open session's stack. */
    public void record(String action, String target, String outcome, Map<String, String> details) {
        record(who(), where(), action, target, outcome, details);
    }

    /** An action elsewhere (an install into a context the console is not connected to). */
    public void record(String who, String where, String action, String target, String outcome, Map<String, String> details) {
        if (log.isEmpty()) {
            return;
        }
        AuditEntry entry = new AuditEntry(clock.instant(), who, where, action, target, outcome, details);
        tasks.executor().execute(() -> {
            try {
                log.get().append(entry);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(AuditTrail.class).warn("the audit log could not be written: {}", e.getMessage());
            }
        });
    }
}
