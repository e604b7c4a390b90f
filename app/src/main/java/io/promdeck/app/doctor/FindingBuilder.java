package io.promdeck.app.doctor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds a finding: {@code FindingBuilder.of(ID, "Title").subject(...).evidence(...).fail("what", "do this")}. */
final class FindingBuilder {

    private final String id;
    private final String title;
    private final Set<String> subjects = new LinkedHashSet<>();
    private final List<Evidence> evidence = new ArrayList<>();

    private FindingBuilder(String id, String title) {
        this.id = id;
        this.title = title;
    }

    static FindingBuilder of(String id, String title) {
        return new FindingBuilder(id, title);
    }

    FindingBuilder subject(String node) {
        subjects.add(node);
        return this;
    }

    FindingBuilder evidence(String subject, String text) {
        evidence.add(new Evidence(subject, text));
        return this;
    }

    FindingBuilder evidence(List<Evidence> more) {
        evidence.addAll(more);
        return this;
    }

    Optional<Finding> ok(String summary) {
        return Optional.of(new Finding(id, title, Verdict.OK, summary, List.copyOf(subjects), evidence, ""));
    }

    Optional<Finding> warn(String summary, String action) {
        return Optional.of(new Finding(id, title, Verdict.WARN, summary, List.copyOf(subjects), evidence, action));
    }

    Optional<Finding> fail(String summary, String action) {
        return Optional.of(new Finding(id, title, Verdict.FAIL, summary, List.copyOf(subjects), evidence, action));
    }

    Optional<Finding> unknown(String summary, String action) {
        return Optional.of(new Finding(id, title, Verdict.UNKNOWN, summary, List.copyOf(subjects), evidence, action));
    }
}
