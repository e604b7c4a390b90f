package io.promdeck.ui.common;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.collections.ObservableList;

/**
 * Puts a refresh's rows into a table's list with the smallest change: nothing when equal; when the same keys come in
 * the same order, only the rows that differ are replaced one by one (selection, focus and scroll stay where the
 * operator left them); otherwise the whole list.
 */
public final class Rows {

    private Rows() {
    }

    public static <R, K> void update(ObservableList<R> list, List<R> next, Function<R, K> key) {
        if (list.equals(next)) {
            return;
        }
        boolean sameKeys = list.size() == next.size();
        for (int i = 0; sameKeys && i < next.size(); i++) {
            sameKeys = Objects.equals(key.apply(list.get(i)), key.apply(next.get(i)));
        }
        if (!sameKeys) {
            list.setAll(next);
            return;
        }
        for (int i = 0; i < next.size(); i++) {
            if (!list.get(i).equals(next.get(i))) {
                list.set(i, next.get(i));
            }
        }
    }
}
