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

    public String summary() {
        return of(PlanItem.Action.CREATE).size() + " to create, " + of(PlanItem.Action.UPDATE).size() + " to update, "
                + of(PlanItem.Action.ORPHANED).size() + " orphaned, " + of(PlanItem.Action.UNCHANGED).size() + " unchanged";
    }
}
