package io.promdeck.app.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of a real reply for property tests: cut anywhere, one value turned into another JSON type, a huge string,
 * deep nesting, bytes flipped. Each describes itself, so a failing case says what was done.
 */
final class JsonMutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A mutated body and what was done to it. */
    record Mutated(String how, byte[] body) {
        @Override
        public String toString() {
            return how + " (" + body.length + " bytes)";
        }
    }

    private JsonMutations() {
    }

    static Arbitrary<Mutated> of(byte[] original) {
        JsonNode tree;
        try {
            tree = JSON.readTree(original);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        int nodes = count(tree);
        Arbitrary<Mutated> truncated = Arbitraries.integers().between(0, original.length - 1)
                .map(n -> new Mutated("cut after " + n + " bytes", java.util.Arrays.copyOf(original, n)));
        Arbitrary<Mutated> retyped = Combinators.combine(Arbitraries.integers().between(0, nodes - 1), Arbitraries.integers().between(0, 6))
                .as((at, type) -> replace(tree, at, replacement(type), "value " + at + " became " + describe(type)));
        Arbitrary<Mutated> huge = Arbitraries.integers().between(0, nodes - 1)
                .map(at -> replace(tree, at, NODES.textNode("x".repeat(200_000)), "value " + at + " became a 200,000-character string"));
        Arbitrary<Mutated> deep = Combinators.combine(Arbitraries.integers().between(0, nodes - 1), Arbitraries.integers().between(50, 3000))
                .as((at, depth) -> {
                    Mutated marked = replace(tree, at, NODES.textNode(DEEP), "");
                    String text = new String(marked.body(), StandardCharsets.UTF_8)
                            .replace("\"" + DEEP + "\"", "[".repeat(depth) + "]".repeat(depth));
                    return new Mutated("value " + at + " became arrays nested " + depth + " deep", text.getBytes(StandardCharsets.UTF_8));
                });
        Arbitrary<Mutated> flipped = Combinators.combine(Arbitraries.integers().between(0, original.length - 1),
                Arbitraries.integers().between(0, 255)).as((at, b) -> {
                    byte[] copy = original.clone();
                    copy[at] = (byte) (int) b;
                    return new Mutated("byte " + at + " set to " + b, copy);
                });
        Arbitrary<Mutated> dropped = Arbitraries.integers().between(0, nodes - 1)
                .map(at -> remove(tree, at));
        return Arbitraries.oneOf(truncated, retyped, huge, deep, flipped, dropped);
    }

    private static JsonNode replacement(int type) {
        return switch (type) {
            case 0 -> NODES.textNode("surprise");
            case 1 -> NODES.numberNode(42);
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.nullNode();
            case 4 -> NODES.objectNode().put("unexpected", 1);
            case 5 -> NODES.arrayNode().add(1).add("two");
            default -> NODES.numberNode(-1.5e300);
        };
    }

    private static String describe(int type) {
        return switch (type) {
            case 0 -> "a string";
            case 1 -> "a number";
            case 2 -> "true";
            case 3 -> "null";
            case 4 -> "an object";
            case 5 -> "an array";
            default -> "a huge float";
        };
    }

    /** A marker replaced by nesting in the text (Jackson will not write more than 1000 levels itself). */
    private static final String DEEP = "__deeply_nested__";

    private static int count(JsonNode node) {
        int n = 1;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    private static Mutated replace(JsonNode original, int at, JsonNode with, String how) {
        JsonNode copy = original.deepCopy();
        if (at == 0) {
            return new Mutated(how, bytes(with));
        }
        int[] index = {0};
        visit(copy, at, index, with, false);
        return new Mutated(how, bytes(copy));
    }

    private static Mutated remove(JsonNode original, int at) {
        JsonNode copy = original.deepCopy();
        if (at == 0) {
            return new Mutated("the whole reply removed", new byte[0]);
        }
        int[] index = {0};
        visit(copy, at, index, null, true);
        return new Mutated("value " + at + " removed", bytes(copy));
    }

    /** Walks in document order; at node number {@code target} replaces (or removes) it in its parent. */
    private static boolean visit(JsonNode node, int target, int[] index, JsonNode with, boolean remove) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                index[0]++;
                if (index[0] == target) {
                    if (remove) {
                        object.remove(name);
                    } else {
                        object.set(name, with);
                    }
                    return true;
                }
                if (visit(object.get(name), target, index, with, remove)) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                index[0]++;
                if (index[0] == target) {
                    if (remove) {
                        array.remove(i);
                    } else {
                        array.set(i, with);
                    }
                    return true;
                }
                if (visit(array.get(i), target, index, with, remove)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
