package io.promdeck.app.install;

import java.util.List;

/** The difference between a rendered stack and what runs in the cluster, in apply order. */
public record Plan(RenderedStack stack, List<PlanItem> items) {

    public Plan {
        items = List.copyOf(items);
    }

    public List<PlanItem> of(PlanItem.Action action) {
        return items.stream().filter(i -> i.action() == action).toList();
    }

    /** Nothing to create, change or delete: applying sends no write. */
    public boolean empty() {
        return items.stream().allMatch(i -> i.action() == PlanItem.Action.UNCHANGED);
    }

    /** Creates and updates made this way (refused ones are not made at all). */
    public List<PlanItem> of(PlanItem.How how) {
        return items.stream().filter(i -> (i.action() == PlanItem.Action.UPDATE || i.action() == PlanItem.Action.CREATE) && i.how() == how)
                .toList();
    }

    public String summary() {
        List<String> special = new java.util.ArrayList<>();
        for (PlanItem.How how : PlanItem.How.values()) {
            if (how != PlanItem.How.IN_PLACE && !of(how).isEmpty()) {
                special.add(of(how).size() + " " + how.words());
            }
        }
        return of(PlanItem.Action.CREATE).size() + " to create, " + of(PlanItem.Action.UPDATE).size() + " to update"
                + (special.isEmpty() ? "" : " (" + String.join(", ", special) + ")") + ", "
                + of(PlanItem.Action.ORPHANED).size() + " orphaned, " + of(PlanItem.Action.UNCHANGED).size() + " unchanged";
    }
}
