package ficus.migration.reconcile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.SqlName;
import ficus.core.FicusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a read-model file. Every problem is one {@link FicusException.BadInput} naming the file, the line and the key:
 * {@code order-view.yaml:7: fields.totl: ...}.
 *
 * <pre>
 * readModel: order-view            # its name (the reconcile job is reconcile-&lt;name&gt;)
 * translation: order               # optional: the spec it reconciles against (checked)
 * table: sales.order_view          # or  query: select ... (a SELECT whose columns are named below)
 * key: [tenant, order_no]          # the columns holding the aggregate's key, in the spec's key order
 * present: not removed             # optional: the rows that exist for the component (table only)
 * fields:                          # translated field → column
 *   status: status
 *   total: { column: total_eur, type: decimal }   # type: read the column as this (default: the field's type)
 *   customer.name: customer_name   # a field of a one / reference part
 *   lines: lines                   # a part as a whole: list/one/reference as JSON, count as long, exists as boolean
 * </pre>
 *
 * Column and table names are SQL identifiers: unquoted ones fold to lower case, {@code "OrderNo"} is exact.
 */
public final class ReadModelLoader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final List<String> KEYS = List.of("readModel", "translation", "table", "query", "key", "present",
            "fields");

    private ReadModelLoader() {
    }

    public static ReadModel load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new FicusException.BadInput(file + ": cannot read the read model: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** From the class path (tests, a sample's own jar). */
    public static ReadModel loadResource(String resource) {
        try (var in = ReadModelLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new FicusException.BadInput(resource + ": no such read model on the class path");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "classpath:" + resource);
        } catch (IOException e) {
            throw new FicusException.BadInput(resource + ": cannot read the read model: " + e.getMessage(), e);
        }
    }

    public static ReadModel parse(String yaml, String location) {
        Node root;
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw bad(location, 1, "(document)", "empty read model");
            }
            root = Node.read(parser);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : 1;
            throw bad(location, line, "(document)", "not valid YAML: " + firstLine(e.getMessage()));
        }
        Map<String, Node> top = root.map();
        if (top == null) {
            throw bad(location, root.line(), "(document)", "a read model is a mapping (readModel, table, key, fields)");
        }
        for (Map.Entry<String, Node> entry : top.entrySet()) {
            if (!KEYS.contains(entry.getKey())) {
                throw bad(location, entry.getValue().keyLine(), entry.getKey(), "unknown key"
                        + ReadModel.didYouMean(entry.getKey(), KEYS) + "; known: " + KEYS);
            }
        }
        String name = required(location, top, root, "readModel");
        String translation = optional(location, top, "translation");
        String tableText = optional(location, top, "table");
        String table = tableText;
        String query = optional(location, top, "query");
        if ((table == null) == (query == null)) {
            throw bad(location, root.line(), "table", table == null ? "missing: give table (schema.table) or query"
                    : "give table or query, not both");
        }
        if (table != null) {
            Node at = top.get("table");
            List<String> parts = SqlName.qualified(tableText).or(() -> SqlName.identifier(tableText).map(List::of))
                    .orElseThrow(() -> bad(location, at.line(), "table", "'" + tableText + "' is not a table name"
                            + " (schema.table; quote mixed case: erp.\"OrderView\")"));
            table = String.join(".", parts);
        }
        String present = optional(location, top, "present");
        if (present != null && query != null) {
            throw bad(location, top.get("present").line(), "present", "only with table; put the condition in the query");
        }
        Node keyNode = top.get("key");
        if (keyNode == null) {
            throw bad(location, root.line(), "key", "missing: the column(s) holding the aggregate's key");
        }
        List<String> key = new ArrayList<>();
        for (Node k : keyNode.list() != null ? keyNode.list() : List.of(keyNode)) {
            key.add(identifier(location, k, "key"));
        }
        if (key.isEmpty()) {
            throw bad(location, keyNode.line(), "key", "at least one column");
        }
        Node fieldsNode = top.get("fields");
        if (fieldsNode == null || fieldsNode.map() == null || fieldsNode.map().isEmpty()) {
            throw bad(location, fieldsNode == null ? root.line() : fieldsNode.line(), "fields",
                    "missing: at least one field → column to compare");
        }
        List<ReadModel.Field> fields = new ArrayList<>();
        for (Map.Entry<String, Node> entry : fieldsNode.map().entrySet()) {
            String path = entry.getKey();
            Node value = entry.getValue();
            String where = "fields." + path;
            if (!path.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)?")) {
                throw bad(location, value.keyLine(), where, "not a field name (a field, a part, or part.field)");
            }
            String column;
            FieldType type = null;
            if (value.map() != null) {
                for (String k : value.map().keySet()) {
                    if (!List.of("column", "type").contains(k)) {
                        throw bad(location, value.map().get(k).keyLine(), where + "." + k, "unknown key"
                                + ReadModel.didYouMean(k, List.of("column", "type")) + "; known: [column, type]");
                    }
                }
                Node c = value.map().get("column");
                if (c == null) {
                    throw bad(location, value.line(), where, "missing column");
                }
                column = identifier(location, c, where + ".column");
                Node t = value.map().get("type");
                if (t != null) {
                    String code = t.text();
                    type = code == null ? null : FieldType.forCode(code).orElse(null);
                    if (type == null || type == FieldType.CUSTOM) {
                        List<String> codes = Arrays.stream(FieldType.values()).filter(f -> f != FieldType.CUSTOM)
                                .map(FieldType::code).toList();
                        throw bad(location, t.line(), where + ".type", "unknown type '" + code + "'"
                                + ReadModel.didYouMean(String.valueOf(code), codes) + "; known: " + codes);
                    }
                }
            } else {
                column = identifier(location, value, where);
            }
            fields.add(new ReadModel.Field(path, column, type, value.keyLine()));
        }
        return new ReadModel(name, location, translation, table, query, key, present, fields, keyNode.keyLine());
    }

    private static String identifier(String location, Node node, String where) {
        String text = node.text();
        if (text == null) {
            throw bad(location, node.line(), where, "a column name");
        }
        return SqlName.identifier(text).orElseThrow(() -> bad(location, node.line(), where, "'" + text
                + "' is not a column name (quote mixed case: '\"OrderNo\"')"));
    }

    private static String required(String location, Map<String, Node> top, Node root, String key) {
        String value = optional(location, top, key);
        if (value == null) {
            throw bad(location, root.line(), key, "missing");
        }
        return value;
    }

    private static String optional(String location, Map<String, Node> top, String key) {
        Node node = top.get(key);
        if (node == null || node.value() == null) {
            return null;
        }
        if (node.text() == null) {
            throw bad(location, node.line(), key, "a text value");
        }
        String text = node.text().strip();
        return text.isEmpty() ? null : text;
    }

    static FicusException.BadInput bad(String location, int line, String key, String problem) {
        return new FicusException.BadInput(location + ":" + line + ": " + key + ": " + problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A YAML node with the line it starts on and the line of its key: a map, a list or a scalar. */
    record Node(Object value, int line, int keyLine) {

        static Node read(JsonParser p) throws IOException {
            return read(p, p.currentTokenLocation().getLineNr());
        }

        private static Node read(JsonParser p, int keyLine) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT) {
                Map<String, Node> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int at = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    map.put(key, read(p, at));
                }
                return new Node(map, line, keyLine);
            }
            if (token == JsonToken.START_ARRAY) {
                List<Node> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p, p.currentTokenLocation().getLineNr()));
                }
                return new Node(list, line, keyLine);
            }
            return new Node(token == JsonToken.VALUE_NULL ? null : p.getText(), line, keyLine);
        }

        @SuppressWarnings("unchecked")
        Map<String, Node> map() {
            return value instanceof Map<?, ?> m ? (Map<String, Node>) m : null;
        }

        @SuppressWarnings("unchecked")
        List<Node> list() {
            return value instanceof List<?> l ? (List<Node>) l : null;
        }

        String text() {
            return value instanceof String s ? s : null;
        }
    }
}
