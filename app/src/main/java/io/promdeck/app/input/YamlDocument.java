package io.promdeck.app.input;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The node tree of a YAML text an operator wrote, with the line of every node: refuses a key given twice in one
 * mapping (as Prometheus and Alertmanager do), and tells the line of a field named by a path, so problems found later
 * (while binding, while validating) point at the line an editor shows. Lines count from 1.
 */
public final class YamlDocument {

    private static final int MAX_ALIASES = 50;

    private final Node root;

    private YamlDocument(Node root) {
        this.root = root;
    }

    /** A YAML text that cannot be used, with the 1-based line of the problem (0 when unknown). */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        public Problem(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** @throws Problem for YAML that is malformed or has a key twice in one mapping */
    public static YamlDocument parse(String text) throws Problem {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root != null) {
                checkDuplicates(root, 0);
            }
            return new YamlDocument(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            throw new Problem((line > 0 ? "line " + line + ": " : "") + describe(e), line);
        } catch (YAMLException e) {
            throw new Problem(firstLine(e.getMessage()), 0);
        }
    }

    /** SnakeYAML finds a duplicate key only when it constructs objects; the node tree is checked here instead. */
    private static void checkDuplicates(Node node, int depth) throws Problem {
        if (depth > 200) {
            throw new Problem("line " + (node.getStartMark().getLine() + 1) + ": the document is nested more than 200 levels deep",
                    node.getStartMark().getLine() + 1);
        }
        if (node instanceof MappingNode mapping) {
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    int line = key.getStartMark().getLine() + 1;
                    Integer first = seen.putIfAbsent(key.getValue(), line);
                    if (first != null) {
                        throw new Problem("line " + line + ": the key '" + key.getValue() + "' appears twice in the same mapping (first at line "
                                + first + "; Prometheus and Alertmanager refuse that: which one is meant?)", line);
                    }
                }
                checkDuplicates(tuple.getValueNode(), depth + 1);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                checkDuplicates(item, depth + 1);
            }
        }
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        if (problem.startsWith("found duplicate key")) {
            String key = problem.substring("found duplicate key".length()).strip();
            return "the key '" + key + "' appears twice in the same mapping (Prometheus and Alertmanager refuse that: which one is meant?)";
        }
        return (context.isEmpty() ? "" : context + ": ") + problem;
    }

    /** The root node; null for an empty document. */
    public Node root() {
        return root;
    }

    /** The 1-based line of the node a Jackson path names (the deepest one that exists), 0 when unknown. */
    public int line(List<JsonMappingException.Reference> path) {
        if (root == null) {
            return 0;
        }
        Node node = root;
        int line = root.getStartMark() == null ? 0 : root.getStartMark().getLine() + 1;
        for (JsonMappingException.Reference ref : path) {
            Node next = null;
            if (ref.getFieldName() != null && node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(ref.getFieldName())) {
                        line = key.getStartMark().getLine() + 1;
                        next = tuple.getValueNode();
                        break;
                    }
                }
            } else if (ref.getIndex() >= 0 && node instanceof SequenceNode sequence && ref.getIndex() < sequence.getValue().size()) {
                next = sequence.getValue().get(ref.getIndex());
                line = next.getStartMark().getLine() + 1;
            }
            if (next == null) {
                return line;
            }
            node = next;
        }
        return line;
    }

    /**
     * The node at a path of mapping keys (String) and sequence indexes (Integer), or null when the path does not
     * exist.
     */
    public Node node(Object... path) {
        Node node = root;
        for (Object step : path) {
            Node next = null;
            if (step instanceof String key && node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        next = tuple.getValueNode();
                        break;
                    }
                }
            } else if (step instanceof Integer index && node instanceof SequenceNode sequence && index >= 0 && index < sequence.getValue().size()) {
                next = sequence.getValue().get(index);
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return node;
    }

    /**
     * The 1-based line of what a path of keys and indexes names — for a key, the line the key is on — or of the
     * deepest part of it that exists; 0 for an empty document.
     */
    public int lineAt(Object... path) {
        if (root == null) {
            return 0;
        }
        int line = root.getStartMark().getLine() + 1;
        Node node = root;
        for (Object step : path) {
            Node next = null;
            if (step instanceof String key && node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        line = k.getStartMark().getLine() + 1;
                        next = tuple.getValueNode();
                        break;
                    }
                }
            } else if (step instanceof Integer index && node instanceof SequenceNode sequence && index >= 0 && index < sequence.getValue().size()) {
                next = sequence.getValue().get(index);
                line = next.getStartMark().getLine() + 1;
            }
            if (next == null) {
                return line;
            }
            node = next;
        }
        return line;
    }

    /** The 1-based line of the first scalar whose value is {@code value}, 0 when none is. */
    public int lineOfValue(String value) {
        return root == null ? 0 : lineOfValue(root, value);
    }

    private static int lineOfValue(Node node, String value) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().equals(value) ? scalar.getStartMark().getLine() + 1 : 0;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                int line = lineOfValue(tuple.getValueNode(), value);
                if (line > 0) {
                    return line;
                }
            }
        }
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                int line = lineOfValue(item, value);
                if (line > 0) {
                    return line;
                }
            }
        }
        return 0;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "not valid YAML";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
