package io.promdeck.app.doctor;

import io.promdeck.app.live.ReplicaLabel;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every finding of one pass, worst first, and what they mean for a node of the stack picture and for an exit code. */
public record Diagnosis(List<Finding> findings, Instant at, ReplicaLabel replicaLabel) {

    public Diagnosis {
        findings = findings.stream().sorted(Comparator.comparing(Finding::verdict).thenComparing(Finding::id)).toList();
    }

    /** The worst verdict of all findings; OK when there are none. */
    public Verdict verdict() {
        return findings.stream().map(Finding::verdict).reduce(Verdict.OK, Verdict::worse);
    }

    /** The worst verdict among the findings that concern {@code node} ("prometheus/prometheus-0"). */
    public Verdict verdict(String node) {
        return findings.stream().filter(f -> f.subjects().contains(node)).map(Finding::verdict).reduce(Verdict.OK, Verdict::worse);
    }

    /** The worst verdict of the findings whose id starts with {@code prefix} ("alertmanager."). */
    public Verdict verdictOf(String prefix) {
        return findings.stream().filter(f -> f.id().startsWith(prefix)).map(Finding::verdict).reduce(Verdict.OK, Verdict::worse);
    }

    public Optional<Finding> finding(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** How many findings have each verdict, worst first. */
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v, findings.stream().filter(f -> f.verdict() == v).count());
        }
        return counts;
    }

    /** 0 all ok, 1 warnings (or unknowns), 2 failures. (3, "could not check", is the command's when it cannot connect.) */
    public int exitCode() {
        return switch (verdict()) {
            case FAIL -> 2;
            case WARN, UNKNOWN -> 1;
            case OK -> 0;
        };
    }
}
