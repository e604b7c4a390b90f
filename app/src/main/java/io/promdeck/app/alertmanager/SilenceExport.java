package io.promdeck.app.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promdeck.app.http.Json;
import io.promdeck.app.http.MalformedReplyException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Silences as amtool reads and writes them ({@code amtool silence query -o json}, {@code amtool silence import}): a
 * JSON array of API v2 silences. An import makes new silences (the ids of the file are dropped, as amtool does);
 * one that already ended, or whose matchers do not parse, is refused with its position and the reason.
 */
public final class SilenceExport {

    private SilenceExport() {
    }

    /** The silences as amtool's JSON, with their ids, states and times. */
    public static String write(List<Silence> silences) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Silence s : silences) {
            ObjectNode node = AlertmanagerJson.postableSilence(Json.mapper(), s.toDraft());
            node.put("id", s.id());
            node.putObject("status").put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
            if (s.updatedAt() != null) {
                node.put("updatedAt", s.updatedAt().toString());
            }
            array.add(node);
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an import would create, and what it refuses. */
    public record Parsed(List<SilenceDraft> drafts, List<String> problems) {
        public Parsed {
            drafts = List.copyOf(drafts);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads amtool's JSON into drafts of new silences by {@code createdBy} (the importer): ids dropped, start moved to
     * now when it passed, the original author kept in the comment.
     */
    public static Parsed read(String json, String createdBy, Instant now) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Parsed(List.of(), List.of("not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new Parsed(List.of(), List.of("not readable: " + e.getMessage()));
        }
        if (root == null || !root.isArray()) {
            return new Parsed(List.of(), List.of("expected a JSON array of silences (amtool silence query -o json)"));
        }
        List<SilenceDraft> drafts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String where = "silence " + (i + 1);
            try {
                Silence s = AlertmanagerJson.silence(withId(root.get(i)));
                if (s.matchers().isEmpty()) {
                    problems.add(where + ": no matchers");
                    continue;
                }
                if (s.endsAt() == null || !s.endsAt().isAfter(now)) {
                    problems.add(where + " (" + Matchers.print(s.matchers()) + "): ended " + (s.endsAt() == null ? "—" : s.endsAt()));
                    continue;
                }
                Instant start = s.startsAt() == null || s.startsAt().isBefore(now) ? now : s.startsAt();
                String comment = s.comment() + (s.createdBy().isBlank() || s.createdBy().equals(createdBy) ? "" : " (imported; by " + s.createdBy() + ")");
                SilenceDraft draft = SilenceDraft.starting(start, Duration.between(start, s.endsAt()), s.matchers(), createdBy, comment.strip());
                var wrong = draft.problems(now);
                if (!wrong.isEmpty()) {
                    problems.add(where + ": " + wrong.get(0).message());
                    continue;
                }
                drafts.add(draft);
            } catch (MalformedReplyException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return new Parsed(drafts, problems);
    }

    /** The parser wants an id; a hand-written file may have none. */
    private static JsonNode withId(JsonNode node) {
        if (node instanceof ObjectNode object && !object.has("id")) {
            ObjectNode copy = object.deepCopy();
            copy.put("id", "");
            return copy;
        }
        return node;
    }
}
