package io.promdeck.app.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A diagnosis written out: a table for people, JSON for scripts. The JSON's field names are stable (version 1):
 * {@code version, target, at, verdict, exitCode, replicaLabel{name, source}, counts{fail, warn, unknown, ok},
 * findings[{id, title, verdict, summary, subjects[], evidence[{subject, text}], action}]}.
 */
public final class DiagnosisReport {

    public static final int JSON_VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private DiagnosisReport() {
    }

    public static String table(Diagnosis diagnosis, String target, boolean all) {
        StringBuilder out = new StringBuilder();
        out.append("Promdeck doctor — ").append(target).append(" — ").append(diagnosis.at()).append('\n');
        out.append("Replica label: ").append(diagnosis.replicaLabel().known() ? "'" + diagnosis.replicaLabel().name() + "' from "
                + diagnosis.replicaLabel().source().description() : "unknown (" + diagnosis.replicaLabel().source().description() + ")").append("\n\n");
        int idWidth = diagnosis.findings().stream().mapToInt(f -> f.id().length()).max().orElse(10);
        out.append(String.format(Locale.ROOT, "%-8s %-" + idWidth + "s  %s%n", "VERDICT", "CHECK", "FOUND"));
        for (Finding f : diagnosis.findings()) {
            out.append(String.format(Locale.ROOT, "%-8s %-" + idWidth + "s  %s%n", f.verdict().word().toUpperCase(Locale.ROOT), f.id(), f.summary()));
            if (f.verdict() != Verdict.OK || all) {
                String indent = " ".repeat(10 + idWidth);
                for (Evidence e : f.evidence()) {
                    out.append(indent).append("· ").append(e).append('\n');
                }
                if (!f.action().isEmpty()) {
                    out.append(indent).append("→ ").append(f.action()).append('\n');
                }
            }
        }
        var counts = diagnosis.counts();
        out.append('\n').append(counts.get(Verdict.FAIL)).append(" failed, ").append(counts.get(Verdict.WARN)).append(" warnings, ")
                .append(counts.get(Verdict.UNKNOWN)).append(" unknown, ").append(counts.get(Verdict.OK)).append(" ok — exit code ")
                .append(diagnosis.exitCode()).append('\n');
        return out.toString();
    }

    public static String json(Diagnosis diagnosis, String target) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", JSON_VERSION);
        root.put("target", target);
        root.put("at", diagnosis.at().toString());
        root.put("verdict", diagnosis.verdict().word());
        root.put("exitCode", diagnosis.exitCode());
        ObjectNode label = root.putObject("replicaLabel");
        label.put("name", diagnosis.replicaLabel().name());
        label.put("source", diagnosis.replicaLabel().source().name().toLowerCase(Locale.ROOT));
        ObjectNode counts = root.putObject("counts");
        diagnosis.counts().forEach((v, n) -> counts.put(v.word(), n));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : diagnosis.findings()) {
            ObjectNode node = findings.addObject();
            node.put("id", f.id());
            node.put("title", f.title());
            node.put("verdict", f.verdict().word());
            node.put("summary", f.summary());
            ArrayNode subjects = node.putArray("subjects");
            f.subjects().forEach(subjects::add);
            ArrayNode evidence = node.putArray("evidence");
            f.evidence().forEach(e -> evidence.addObject().put("subject", e.subject()).put("text", e.text()));
            node.put("action", f.action());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
