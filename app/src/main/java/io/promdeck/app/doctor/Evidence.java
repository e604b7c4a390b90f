package io.promdeck.app.doctor;

/** One value a check compared, for one replica, peer or component: "prometheus-0: replica=\"prometheus-0\"". */
public record Evidence(String subject, String text) {

    @Override
    public String toString() {
        return subject.isEmpty() ? text : subject + ": " + text;
    }
}
