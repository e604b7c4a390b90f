package io.promdeck.app.install;

/** A plan as text for a terminal or a log: what changes, how, why, and every changed field old → new. */
public final class PlanPrinter {

    /** Values longer than this are cut in the listing (a whole configuration file is one value). */
    static final int VALUE_WIDTH = 60;

    private PlanPrinter() {
    }

    public static String print(Plan plan) {
        StringBuilder out = new StringBuilder("Plan: ").append(plan.summary()).append('\n');
        for (PlanItem item : plan.items()) {
            if (item.action() == PlanItem.Action.UNCHANGED) {
                if (!item.explanation().isEmpty()) {
                    out.append("  note      ").append(item.id()).append(": ").append(item.explanation()).append('\n');
                }
                continue;
            }
            String how = item.action() == PlanItem.Action.UPDATE || item.how() == PlanItem.How.REFUSED ? " [" + item.how().words() + "]" : "";
            out.append("  ").append(String.format(java.util.Locale.ROOT, "%-9s", item.action().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(' ').append(item.id()).append(how).append('\n');
            if (!item.explanation().isEmpty()) {
                out.append("      ").append(item.explanation()).append('\n');
            }
            for (FieldChange change : item.changes()) {
                out.append("      ").append(change.brief(VALUE_WIDTH)).append('\n');
            }
            if (!item.serverCheck().isEmpty() && item.how() == PlanItem.How.REFUSED) {
                out.append("      ").append(item.serverCheck()).append('\n');
            }
        }
        return out.toString();
    }
}
