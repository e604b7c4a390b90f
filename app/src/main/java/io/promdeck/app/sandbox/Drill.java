package io.promdeck.app.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * A fault an operator can put into the local stack on purpose, to see what the console and the doctor show — and
 * what the stack does — before it happens in production. Each says what to expect, and each but a restart can be
 * undone.
 *
 * @param kind   what is done
 * @param target the member it is done to; "" for the stack as a whole
 */
public record Drill(Kind kind, String target) {

    public enum Kind {
        KILL("Kill (SIGKILL)"),
        FREEZE("Freeze (SIGSTOP)"),
        RESTART("Restart"),
        BREAK_CONFIG("Break its config and reload"),
        ISOLATE("Drop from the gossip mesh"),
        TEST_ALERT("Fire a test alert"),
        WEBHOOK_FAILS("Make the webhook fail");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public Drill {
        target = target == null ? "" : target;
    }

    /** "Kill (SIGKILL) alertmanager-1". */
    public String title() {
        return target.isEmpty() ? kind.title() : kind.title() + " " + target;
    }

    public boolean undoable() {
        return kind != Kind.RESTART;
    }

    /** The drills that make sense on this stack: per process, per Prometheus that reloads, per Alertmanager, and the stack's. */
    public static List<Drill> available(SandboxPlan plan) {
        List<Drill> out = new ArrayList<>();
        for (Member m : plan.members()) {
            if (m.program() == Program.PROMETHEUS || m.program() == Program.ALERTMANAGER) {
                out.add(new Drill(Kind.KILL, m.name()));
                out.add(new Drill(Kind.FREEZE, m.name()));
                out.add(new Drill(Kind.RESTART, m.name()));
            }
            if (m.program() == Program.PROMETHEUS) {
                out.add(new Drill(Kind.BREAK_CONFIG, m.name()));
            }
            if (m.program() == Program.ALERTMANAGER) {
                out.add(new Drill(Kind.ISOLATE, m.name()));
            }
        }
        out.add(new Drill(Kind.TEST_ALERT, ""));
        out.add(new Drill(Kind.WEBHOOK_FAILS, ""));
        return out;
    }

    /** What an operator should see, and why: the point of the drill. */
    public String expectation(SandboxPlan plan) {
        boolean alertmanager = target.startsWith("alertmanager");
        return switch (kind) {
            case KILL -> alertmanager
                    ? target + " dies without a goodbye, like an OOM-killed pod. Expect: its row turns red at the next refresh; after about 15 s "
                    + "the other peers drop it from the mesh and the doctor fails 'Alertmanager mesh complete'. Notifications keep arriving once per group: "
                    + "the surviving peers take over its share. Undo starts it again; it rejoins and syncs silences and the notification log."
                    : target + " dies without a goodbye, like an OOM-killed pod. Expect: its row turns red at the next refresh and the doctor "
                    + "fails 'Prometheus replicas answering'" + (plan.prometheus().size() > 1 ? "; alerts still reach the Alertmanagers from "
                    + "the other replica, so notifications keep arriving — once per group" : "") + ". Undo starts it again.";
            case FREEZE -> target + " is stopped with SIGSTOP: its sockets stay open but nothing answers, like a process stuck in a long GC "
                    + "or on a frozen node. Expect: its calls time out (after 10 s) instead of being refused; the panels keep its last values "
                    + "marked old, then unknown — never a confident zero." + (alertmanager ? " The other peers drop it from the mesh after about "
                    + "15 s." : "") + " Undo resumes it (SIGCONT).";
            case RESTART -> target + " is stopped (SIGTERM) and started again with the same flags and data. Expect: a short gap, then it "
                    + "answers again" + (alertmanager ? "; it rejoins the mesh and syncs silences from its peers" : "") + ".";
            case BREAK_CONFIG -> target + "'s config file gets a field Prometheus does not know, then /-/reload. Expect: the reload is "
                    + "refused (HTTP 500), " + target + " keeps running its previous configuration, and the doctor fails 'Last reload succeeded' for it "
                    + "(prometheus_config_last_reload_successful is 0). Undo writes the original back and reloads.";
            case ISOLATE -> target + " restarts on another gossip port without its peers, as if a network policy cut it off. Expect: the "
                    + "other peers see each other only, " + target + " sees itself only, and the doctor fails 'Alertmanager mesh complete'; a silence "
                    + "created now does not reach it; alerts it gets are notified by it too — a duplicate notification at the receiver. Undo "
                    + "restarts it with its peers.";
            case TEST_ALERT -> "An alert PromdeckDrill is posted to every Alertmanager, as the Prometheus replicas would. Expect: one "
                    + "notification for it in the Notifications panel after group_wait (" + plan.parameters().groupWait() + "), not one per "
                    + "peer. Undo resolves it: one 'resolved' notification follows.";
            case WEBHOOK_FAILS -> "The console's receiver answers HTTP 500 to every notification. Expect: the Notifications panel lists them "
                    + "as refused; the Alertmanagers retry, alertmanager_notifications_failed_total rises and the doctor fails 'Notifications "
                    + "delivered'. Undo makes the receiver answer 200 again.";
        };
    }
}
