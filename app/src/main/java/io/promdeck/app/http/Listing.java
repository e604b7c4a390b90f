package io.promdeck.app.http;

import java.util.List;

/**
 * A list reply read item by item: the items Promdeck could read, and those it could not, each kept with its raw text
 * and the reason. One odd item (a silence with a regex Promdeck cannot compile, an alert with a number where a label
 * value should be) never makes the whole list fail.
 */
public record Listing<T>(List<T> items, List<UnreadableItem> unreadable) {

    public Listing {
        items = List.copyOf(items);
        unreadable = List.copyOf(unreadable);
    }

    public static <T> Listing<T> of(List<T> items) {
        return new Listing<>(items, List.of());
    }

    public int size() {
        return items.size() + unreadable.size();
    }
}
