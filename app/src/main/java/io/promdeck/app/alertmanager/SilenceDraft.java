package io.promdeck.app.alertmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A silence to create, or to update when {@code id} is set (Alertmanager's update is a post with the existing id).
 * {@link #problems(Instant)} refuses, before anything is sent, what Alertmanager would refuse.
 */
public record SilenceDraft(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    // model.LabelName.IsValid in Alertmanager 0.25: silences may not use ':' in label names.
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    public SilenceDraft {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        createdBy = createdBy == null ? "" : createdBy;
        comment = comment == null ? "" : comment;
    }

    public static SilenceDraft starting(Instant now, Duration length, List<Matcher> matchers, String createdBy, String comment) {
        return new SilenceDraft(null, matchers, now, now.plus(length), createdBy, comment);
    }

    public Optional<String> existingId() {
        return Optional.ofNullable(id).filter(s -> !s.isBlank());
    }

    public SilenceDraft withEndsAt(Instant newEnd) {
        return new SilenceDraft(id, matchers, startsAt, newEnd, createdBy, comment);
    }

    public SilenceDraft withMatchers(List<Matcher> newMatchers) {
        return new SilenceDraft(id, newMatchers, startsAt, endsAt, createdBy, comment);
    }

    /** The field a problem is about, so a form can show it at that field. */
    public enum Field {
        MATCHERS, STARTS_AT, ENDS_AT, CREATED_BY, COMMENT
    }

    /** One reason the draft would be refused. */
    public record Problem(Field field, String message) {
    }

    /** Everything Alertmanager 0.25 would refuse, each named; empty when the draft can be sent. */
    public List<Problem> problems(Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (matchers.isEmpty()) {
            problems.add(new Problem(Field.MATCHERS, "add at least one matcher"));
        } else {
            for (Matcher m : matchers) {
                if (!LABEL_NAME.matcher(m.name()).matches()) {
                    problems.add(new Problem(Field.MATCHERS, "'" + m.name() + "' is not a valid label name for a silence (letters, digits and _ only)"));
                }
            }
            if (matchers.stream().allMatch(m -> m.matches(Map.of()))) {
                problems.add(new Problem(Field.MATCHERS, "at least one matcher must not match the empty string, or the silence would mute every alert"));
            }
        }
        if (startsAt == null) {
            problems.add(new Problem(Field.STARTS_AT, "set a start time"));
        }
        if (endsAt == null) {
            problems.add(new Problem(Field.ENDS_AT, "set an end time"));
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            problems.add(new Problem(Field.ENDS_AT, "the end time must be after the start time"));
        }
        if (endsAt != null && endsAt.isBefore(now)) {
            problems.add(new Problem(Field.ENDS_AT, "the end time is in the past"));
        }
        if (createdBy.isBlank()) {
            problems.add(new Problem(Field.CREATED_BY, "say who creates the silence"));
        }
        if (comment.isBlank()) {
            problems.add(new Problem(Field.COMMENT, "a comment is required: say why the alerts are silenced"));
        }
        return List.copyOf(problems);
    }
}
