package ficus.acl.spec.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ficus.acl.spec.CodeTableRef;
import ficus.acl.spec.EventRule;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.PartSpec;
import ficus.acl.spec.SqlName;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationExtension;
import ficus.acl.spec.TranslationSpec;
import ficus.core.FicusException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link TranslationSpec} from YAML, keeping the line of every node, so each problem is reported as one line
 * {@code <file>:<line>: <field>: <problem>} ({@link FicusException.BadInput}).
 *
 * <pre>
 * translation: voyage            # name: event ids, dead-letter headers, ficus.dlq.voyage
 * aggregate: voyage              # domain topic <context>.<aggregate>.v<version>: fleet.voyage.v3
 * context: fleet
 * version: 3
 * extension: fares               # the TranslationExtension (SPI) for custom converters and rules; optional
 * root:
 *   table: fleet."Voyage"        # quoted names are exact, unquoted ones fold to lower case
 *   key: ['"Line"', '"VoyageNo"']
 *   fields:
 *     state: { column: state, type: enum, required: true, codes: { P: PLANNED, S: SAILING } }
 *   ignore: [crew_note]          # known unmapped columns; any other column is a new one (counted)
 *   softDelete: { column: del_flg, deletedWhen: "Y" }   # optional
 * parts:
 *   legs: { table: fleet."Leg", key: [...], link: ['"Line"', '"VoyageNo"'], collect: list, orderBy: [seq],
 *           fields: { ... } }    # collect: one | list | count | exists | reference (with via: [...])
 * events:
 *   - { on: registered, type: VoyagePlanned }
 *   - { on: changed, fields: [state], when: { state: SAILING }, type: VoyageDeparted, previous: [state] }
 *   - { on: removed, type: VoyageCancelled }
 * </pre>
 */
public final class TranslationSpecLoader {


    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern CONTEXT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final YAMLFactory YAML = new YAMLFactory();

    private TranslationSpecLoader() {
    }

    public static TranslationSpec load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new FicusException.BadInput(file + ": no such translation spec");
        } catch (IOException e) {
            throw new FicusException.BadInput(file + ": cannot read: " + e.getMessage());
        }
    }

    /** A spec on the class path, e.g. {@code specs/voyage.yaml} in a jar. */
    public static TranslationSpec loadResource(String resource) {
        try (InputStream in = TranslationSpecLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new FicusException.BadInput(resource + ": no such translation spec on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new FicusException.BadInput(resource + ": cannot read: " + e.getMessage());
        }
    }

    /** {@code classpath:<resource>} or a file path. */
    public static TranslationSpec load(String location) {
        return location.startsWith("classpath:") ? loadResource(location.substring("classpath:".length()))
                : load(Path.of(location));
    }


    public static TranslationSpec parse(String yaml, String location) {
        Node root;
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new FicusException.BadInput(location + ":1: (document): empty translation spec");
            }
            root = Node.read(parser);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : 1;
            throw new FicusException.BadInput(location + ":" + line + ": (document): not valid YAML: "
                    + firstLine(e.getMessage()));
        }
        return new Reader(location).spec(root);
    }

    /** {@code " (did you mean 'x'?)"} for the closest known name within two edits, else nothing. */
    static String didYouMean(String name, java.util.Collection<String> known) {
        return ficus.core.DidYouMean.suggestion(name, known);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A YAML node with the line it starts on: a map, a list or a scalar (text, or null). */
    record Node(Object value, int line) {

        static Node read(JsonParser p) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT) {
                Map<String, Node> map = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    keyLines.put(key, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    Node value = read(p);
                    // a scalar or empty value sits on its key's line
                    map.put(key, value);
                }
                return new Node(map, line);
            }
            if (token == JsonToken.START_ARRAY) {
                List<Node> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return new Node(list, line);
            }
            return new Node(token == JsonToken.VALUE_NULL ? null : p.getText(), line);
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

    /** Turns the node tree into the spec, reporting the first problem with its line. */
    private static final class Reader {

        private final String location;
        private final Map<String, Integer> lines = new LinkedHashMap<>();

        Reader(String location) {
            this.location = location;
        }

        /** Remembers where {@code path.key} is declared (for later checks that point at a line). */
        private void remember(Map<String, Node> map, String path, String... keys) {
            for (String key : keys) {
                Node node = map.get(key);
                if (node != null) {
                    lines.put(path + "." + key, node.line());
                }
            }
        }

        private FicusException.BadInput bad(Node node, String field, String problem) {
            return new FicusException.BadInput(location + ":" + (node == null ? 1 : node.line()) + ": " + field
                    + ": " + problem);
        }

        TranslationSpec spec(Node root) {
            Map<String, Node> top = map(root, "(document)");
            known(top, root, "", "translation", "version", "aggregate", "context", "keySeparator", "extension",
                    "root", "parts", "events");
            String name = text(top, root, "", "translation", true);
            if (!NAME.matcher(name).matches()) {
                throw bad(top.get("translation"), "translation", "'" + name + "' is not a name (letters, digits, "
                        + "'-' and '_'; it names topics and consumer groups)");
            }
            int version = positiveInt(top, root, "", "version");
            String aggregate = top.containsKey("aggregate") ? text(top, root, "", "aggregate", true) : name;
            if (!NAME.matcher(aggregate).matches()) {
                throw bad(top.get("aggregate"), "aggregate", "'" + aggregate + "' is not a name (letters, digits, "
                        + "'-' and '_')");
            }
            String context = text(top, root, "", "context", true);
            if (!CONTEXT.matcher(context).matches()) {
                throw bad(top.get("context"), "context", "'" + context + "' is not a context name (letters, digits, "
                        + "'-', '_', dots between)");
            }
            String keySeparator = top.containsKey("keySeparator") ? text(top, root, "", "keySeparator", true)
                    : TranslationSpec.DEFAULT_KEY_SEPARATOR;
            String extensionName = text(top, root, "", "extension", false);
            TranslationExtension extension = TranslationExtension.find(extensionName).orElseThrow(() ->
                    bad(top.get("extension"), "extension", "no TranslationExtension named '" + extensionName
                            + "' on the class path (META-INF/services/ficus.acl.spec.TranslationExtension)"));
            Node rootNode = require(top, root, "", "root");
            TableSpec rootTable = table(rootNode, "root", extension, false);
            for (String column : rootTable.keyColumns()) {
                FieldSpec keyField = rootTable.fieldOfColumn(column).orElseThrow(() -> bad(map(rootNode, "root")
                        .get("key"), "root.key", "key column " + column + " is not mapped by a field (the events "
                        + "carry the key: map it, e.g. id: { column: " + SqlName.quote(column)
                        + ", type: long, required: true })"));
                if (!keyField.required() || keyField.array()) {
                    throw bad(map(rootNode, "root").get("key"), "root.key", "key column " + column + " is mapped by "
                            + keyField.field() + ", which must be required and not a list");
                }
            }
            List<PartSpec> parts = new ArrayList<>();
            Node partsNode = top.get("parts");
            Set<String> fieldNames = new LinkedHashSet<>(rootTable.fieldNames());
            if (partsNode != null && partsNode.value() != null) {
                for (Map.Entry<String, Node> part : map(partsNode, "parts").entrySet()) {
                    if (fieldNames.contains(part.getKey())) {
                        throw bad(part.getValue(), "parts." + part.getKey(), "the name is already a root field");
                    }
                    PartSpec spec = part(part.getKey(), part.getValue(), extension, rootTable);
                    parts.add(spec);
                    fieldNames.add(spec.name());
                }
            }
            rootTable = withViaColumns(rootTable, parts);
            parts.forEach(p -> fieldNames.add(p.name()));
            List<EventRule> events = new ArrayList<>();
            Node eventsNode = require(top, root, "", "events");
            List<Node> eventList = eventsNode.list();
            if (eventList == null || eventList.isEmpty()) {
                throw bad(eventsNode, "events", "must be a non-empty list of rules");
            }
            for (int i = 0; i < eventList.size(); i++) {
                events.add(event(eventList.get(i), "events[" + i + "]", fieldNames, rootTable));
            }
            return new TranslationSpec(name, version, aggregate, context, rootTable, parts, events, extensionName,
                    location, keySeparator, lines);
        }

        /** The root columns a reference is read through are read, not mapped: known columns, never new ones. */
        private static TableSpec withViaColumns(TableSpec root, List<PartSpec> parts) {
            List<String> ignored = new ArrayList<>(root.ignored());
            for (PartSpec part : parts) {
                for (String column : part.via()) {
                    if (!ignored.contains(column) && !root.readColumns().contains(column)) {
                        ignored.add(column);
                    }
                }
            }
            return new TableSpec(root.schema(), root.name(), root.keyColumns(), root.fields(), ignored,
                    root.softDelete());
        }

        private PartSpec part(String name, Node node, TranslationExtension extension, TableSpec root) {
            String path = "parts." + name;
            if (!FIELD.matcher(name).matches()) {
                throw bad(node, path, "'" + name + "' is not a field name (a letter, then letters and digits)");
            }
            Map<String, Node> map = map(node, path);
            known(map, node, path, "table", "key", "link", "aggregateKey", "via", "where", "collect", "orderBy",
                    "fields", "ignore", "softDelete");
            Node collectNode = require(map, node, path, "collect");
            PartSpec.Collect collect = PartSpec.Collect.forCode(String.valueOf(collectNode.text())).orElseThrow(() ->
                    bad(collectNode, path + ".collect", "unknown '" + collectNode.text() + "' (expected "
                            + String.join(", ", Arrays.stream(PartSpec.Collect.values()).map(PartSpec.Collect::code)
                                    .toList()) + ")"));
            TableSpec read = table(node, path, extension, true);
            List<String> link = List.of();
            List<String> via = List.of();
            if (collect == PartSpec.Collect.REFERENCE) {
                if (map.containsKey("link") || map.containsKey("aggregateKey")) {
                    throw bad(map.containsKey("link") ? map.get("link") : map.get("aggregateKey"), path + ".link",
                            "a reference is found through the root's via columns, not linked to the root");
                }
                Node viaNode = require(map, node, path, "via");
                via = identifiers(viaNode, path + ".via");
                if (via.size() != read.keyColumns().size()) {
                    throw bad(viaNode, path + ".via", via.size() + " column(s) for a key of "
                            + read.keyColumns().size() + " (" + read.keyColumns() + ")");
                }
            } else {
                if (map.containsKey("via")) {
                    throw bad(map.get("via"), path + ".via", "only a reference has via columns");
                }
                String linkKey = map.containsKey("link") ? "link" : "aggregateKey";
                Node linkNode = require(map, node, path, linkKey);
                link = identifiers(linkNode, path + "." + linkKey);
                if (link.size() != root.keyColumns().size()) {
                    throw bad(linkNode, path + "." + linkKey, link.size() + " column(s) for the root's key of "
                            + root.keyColumns().size() + " (" + root.keyColumns() + ")");
                }
            }
            PartSpec.Where where = null;
            Node whereNode = map.get("where");
            if (whereNode != null) {
                Map<String, Node> w = map(whereNode, path + ".where");
                known(w, whereNode, path + ".where", "column", "in");
                where = new PartSpec.Where(identifier(w.get("column"), whereNode, path + ".where.column"),
                        texts(require(w, whereNode, path + ".where", "in"), path + ".where.in"));
            }
            List<String> orderBy = List.of();
            if (map.containsKey("orderBy")) {
                if (collect != PartSpec.Collect.LIST) {
                    throw bad(map.get("orderBy"), path + ".orderBy", "only a list part is ordered");
                }
                orderBy = texts(map.get("orderBy"), path + ".orderBy");
                for (String field : orderBy) {
                    if (read.field(field).isEmpty()) {
                        throw bad(map.get("orderBy"), path + ".orderBy", "no field '" + field + "' (fields: "
                                + read.fieldNames() + ")" + didYouMean(field, read.fieldNames()));
                    }
                }
            }
            if (read.fields().isEmpty() && collect != PartSpec.Collect.COUNT && collect != PartSpec.Collect.EXISTS) {
                throw bad(map.get("fields"), path + ".fields", "a " + collect.code() + " part maps at least one "
                        + "column");
            }
            // the link and filter columns are read, not mapped: known columns, never new ones
            List<String> ignored = new ArrayList<>(read.ignored());
            List<String> readOnly = new ArrayList<>(link);
            if (where != null) {
                readOnly.add(where.column());
            }
            for (String column : readOnly) {
                if (!ignored.contains(column) && !read.readColumns().contains(column)) {
                    ignored.add(column);
                }
            }
            TableSpec rows = new TableSpec(read.schema(), read.name(), read.keyColumns(), read.fields(), ignored,
                    read.softDelete());
            return new PartSpec(name, rows, link, where, collect, orderBy, via);
        }

        private TableSpec table(Node node, String path, TranslationExtension extension, boolean part) {
            Map<String, Node> map = map(node, path);
            if (!part) {
                known(map, node, path, "table", "key", "fields", "ignore", "softDelete");
            }
            lines.put(path, node.line());
            remember(map, path, "table", "key", "link", "aggregateKey", "via", "orderBy", "where");
            String table = text(map, node, path, "table", true);
            List<String> qualified = SqlName.qualified(table).orElseThrow(() -> bad(map.get("table"),
                    path + ".table", "'" + table + "' is not schema.table (quote mixed-case names: "
                            + "fleet.\"Leg\")"));
            List<String> key = identifiers(require(map, node, path, "key"), path + ".key");
            List<FieldSpec> fields = new ArrayList<>();
            Node fieldsNode = require(map, node, path, "fields");
            Map<String, Node> fieldMap = fieldsNode.value() == null ? Map.of() : map(fieldsNode, path + ".fields");
            if (fieldMap.isEmpty() && !part) {
                throw bad(fieldsNode, path + ".fields", "a root table maps at least one column");
            }
            Set<String> columns = new LinkedHashSet<>();
            for (Map.Entry<String, Node> field : fieldMap.entrySet()) {
                FieldSpec spec = field(field.getKey(), field.getValue(), path + ".fields." + field.getKey(),
                        extension);
                if (!columns.add(spec.column())) {
                    throw bad(field.getValue(), path + ".fields." + field.getKey(), "column " + spec.column()
                            + " is mapped twice");
                }
                fields.add(spec);
            }
            List<String> ignored = new ArrayList<>();
            Node ignoreNode = map.get("ignore");
            if (ignoreNode != null) {
                ignored.addAll(identifiers(ignoreNode, path + ".ignore"));
                for (String column : ignored) {
                    if (columns.contains(column) || key.contains(column)) {
                        throw bad(ignoreNode, path + ".ignore", "column " + column + " is both mapped and ignored");
                    }
                }
            }
            TableSpec.SoftDelete softDelete = null;
            Node softNode = map.get("softDelete");
            if (softNode != null) {
                Map<String, Node> s = map(softNode, path + ".softDelete");
                known(s, softNode, path + ".softDelete", "column", "deletedWhen");
                softDelete = new TableSpec.SoftDelete(identifier(s.get("column"), softNode,
                        path + ".softDelete.column"), text(s, softNode, path + ".softDelete", "deletedWhen", true));
            }
            return new TableSpec(qualified.get(0), qualified.get(1), key, fields, ignored, softDelete);
        }

        private FieldSpec field(String name, Node node, String path, TranslationExtension extension) {
            Map<String, Node> map = map(node, path);
            known(map, node, path, "column", "type", "required", "whenMissing", "codes", "codeTable", "converter",
                    "values");
            if (!FIELD.matcher(name).matches()) {
                throw bad(node, path, "'" + name + "' is not a field name (a letter, then letters and digits)");
            }
            String column = identifier(require(map, node, path, "column"), node, path + ".column");
            Node typeNode = require(map, node, path, "type");
            String typeText = String.valueOf(typeNode.text());
            boolean array = typeText.endsWith("[]");
            String scalar = array ? typeText.substring(0, typeText.length() - 2) : typeText;
            FieldType type = FieldType.forCode(scalar).orElseThrow(() -> bad(typeNode,
                    path + ".type", "unknown type '" + typeText + "' (expected "
                            + String.join(", ", Arrays.stream(FieldType.values()).map(FieldType::code).toList())
                            + ", or one of them with [] for an array)" + didYouMean(scalar,
                                    Arrays.stream(FieldType.values()).map(FieldType::code).toList())));
            if (array && (type == FieldType.CUSTOM || type == FieldType.JSON)) {
                throw bad(typeNode, path + ".type", "a " + type.code() + " field cannot be an array (read the "
                        + "whole column as json instead)");
            }
            boolean required = bool(map, path, "required");
            boolean nullIfMissing = false;
            Node missing = map.get("whenMissing");
            if (missing != null) {
                String value = String.valueOf(missing.text());
                if (!List.of("reject", "null").contains(value)) {
                    throw bad(missing, path + ".whenMissing", "'" + value + "' is not reject or null");
                }
                if (value.equals("null") && required) {
                    throw bad(missing, path + ".whenMissing", "a required field cannot be null when missing");
                }
                nullIfMissing = value.equals("null");
            }
            Map<String, String> codes = new LinkedHashMap<>();
            Node codesNode = map.get("codes");
            if (codesNode != null) {
                for (Map.Entry<String, Node> code : map(codesNode, path + ".codes").entrySet()) {
                    String value = code.getValue().text();
                    if (value == null) {
                        throw bad(code.getValue(), path + ".codes." + code.getKey(), "must be a value, not "
                                + describe(code.getValue()));
                    }
                    if (type == FieldType.BOOLEAN && !List.of("true", "false").contains(value)) {
                        throw bad(code.getValue(), path + ".codes." + code.getKey(), "'" + value
                                + "' is not true or false");
                    }
                    codes.put(code.getKey(), value);
                }
                if (codes.isEmpty()) {
                    throw bad(codesNode, path + ".codes", "is empty");
                }
            }
            CodeTableRef codeTable = null;
            Node tableNode = map.get("codeTable");
            if (tableNode != null) {
                if (codesNode != null) {
                    throw bad(tableNode, path + ".codeTable", "give codes or codeTable, not both");
                }
                Map<String, Node> t = map(tableNode, path + ".codeTable");
                known(t, tableNode, path + ".codeTable", "table", "code", "value");
                String table = text(t, tableNode, path + ".codeTable", "table", true);
                List<String> codeTableName = SqlName.qualified(table).orElseThrow(() -> bad(t.get("table"),
                        path + ".codeTable.table", "'" + table + "' is not schema.table"));
                codeTable = new CodeTableRef(codeTableName.get(0) + "." + codeTableName.get(1),
                        identifier(t.get("code"), tableNode, path + ".codeTable.code"),
                        identifier(t.get("value"), tableNode, path + ".codeTable.value"));
            }
            List<String> allowed = List.of();
            if (map.containsKey("values")) {
                if (type != FieldType.ENUM || codesNode != null || tableNode != null) {
                    throw bad(map.get("values"), path + ".values", "only an enum field without codes lists its values");
                }
                allowed = texts(map.get("values"), path + ".values");
            }
            if ((codesNode != null || tableNode != null) && array) {
                throw bad(codesNode != null ? codesNode : tableNode, path, "an array field cannot have codes");
            }
            String converter = text(map, node, path, "converter", false);
            if (type == FieldType.CUSTOM) {
                if (converter == null) {
                    throw bad(node, path, "a custom field needs a converter");
                }
                if (!extension.converters().contains(converter)) {
                    throw bad(map.get("converter"), path + ".converter", "extension " + extension.name()
                            + " has no converter '" + converter + "' (has " + extension.converters() + ")");
                }
            } else if (converter != null) {
                throw bad(map.get("converter"), path + ".converter", "only a custom field has a converter");
            }
            return new FieldSpec(name, column, type, required, nullIfMissing, codes, codeTable, converter,
                    node.line(), array, allowed);
        }

        private EventRule event(Node node, String path, Set<String> fieldNames, TableSpec root) {
            Map<String, Node> map = map(node, path);
            known(map, node, path, "on", "fields", "when", "type", "previous");
            Node onNode = require(map, node, path, "on");
            EventRule.Trigger on = EventRule.Trigger.forCode(String.valueOf(onNode.text())).orElseThrow(() ->
                    bad(onNode, path + ".on", "unknown '" + onNode.text() + "' (expected registered, changed, "
                            + "removed)"));
            List<String> fields = map.containsKey("fields") ? texts(map.get("fields"), path + ".fields") : List.of();
            for (String field : fields) {
                if (!fieldNames.contains(field)) {
                    throw bad(map.get("fields"), path + ".fields", "no field '" + field + "' (fields: " + fieldNames
                            + ")" + didYouMean(field, fieldNames));
                }
            }
            Map<String, String> when = new LinkedHashMap<>();
            if (map.containsKey("when")) {
                for (Map.Entry<String, Node> w : map(map.get("when"), path + ".when").entrySet()) {
                    if (!fieldNames.contains(w.getKey())) {
                        throw bad(w.getValue(), path + ".when." + w.getKey(), "no such field (fields: " + fieldNames
                                + ")" + didYouMean(w.getKey(), fieldNames));
                    }
                    when.put(w.getKey(), String.valueOf(w.getValue().text()));
                }
            }
            List<String> previous = map.containsKey("previous") ? texts(map.get("previous"), path + ".previous")
                    : List.of();
            for (String field : previous) {
                if (root.field(field).isEmpty()) {
                    throw bad(map.get("previous"), path + ".previous", "no root field '" + field + "' (root fields: "
                            + root.fieldNames() + ")" + didYouMean(field, root.fieldNames()));
                }
                if (on != EventRule.Trigger.CHANGED) {
                    throw bad(map.get("previous"), path + ".previous", "only a changed rule has previous values");
                }
            }
            String type = text(map, node, path, "type", true);
            if (!EVENT_TYPE.matcher(type).matches()) {
                throw bad(map.get("type"), path + ".type", "'" + type + "' is not an event type name (upper camel "
                        + "case, past tense: OrderShipped)");
            }
            return new EventRule(on, fields, when, type, node.line(), previous);
        }

        private Map<String, Node> map(Node node, String path) {
            Map<String, Node> map = node == null ? null : node.map();
            if (map == null) {
                throw bad(node, path, "must be a mapping, not " + describe(node));
            }
            return map;
        }

        private void known(Map<String, Node> map, Node node, String path, String... keys) {
            List<String> allowed = List.of(keys);
            for (Map.Entry<String, Node> entry : map.entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    throw bad(entry.getValue(), (path.isEmpty() ? "" : path + ".") + entry.getKey(),
                            "unknown key (expected one of " + allowed + ")");
                }
            }
        }

        private Node require(Map<String, Node> map, Node parent, String path, String key) {
            Node node = map.get(key);
            if (node == null) {
                throw bad(parent, (path.isEmpty() ? "" : path + ".") + key, "missing");
            }
            return node;
        }

        private String text(Map<String, Node> map, Node parent, String path, String key, boolean required) {
            Node node = map.get(key);
            String field = (path.isEmpty() ? "" : path + ".") + key;
            if (node == null || node.value() == null) {
                if (required) {
                    throw bad(node == null ? parent : node, field, "missing");
                }
                return null;
            }
            String text = node.text();
            if (text == null || text.isBlank()) {
                throw bad(node, field, "must be text, not " + describe(node));
            }
            return text;
        }

        private int positiveInt(Map<String, Node> map, Node parent, String path, String key) {
            String text = text(map, parent, path, key, true);
            try {
                int value = Integer.parseInt(text);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(map.get(key), key, "'" + text + "' is not a positive whole number");
        }

        private boolean bool(Map<String, Node> map, String path, String key) {
            Node node = map.get(key);
            if (node == null) {
                return false;
            }
            String text = String.valueOf(node.text());
            if (!List.of("true", "false").contains(text)) {
                throw bad(node, path + "." + key, "'" + text + "' is not true or false");
            }
            return Boolean.parseBoolean(text);
        }

        private List<String> texts(Node node, String path) {
            List<Node> list = node.list();
            if (list == null) {
                throw bad(node, path, "must be a list, not " + describe(node));
            }
            List<String> texts = new ArrayList<>();
            for (Node item : list) {
                if (item.text() == null) {
                    throw bad(item, path, "items must be text, not " + describe(item));
                }
                texts.add(item.text());
            }
            return texts;
        }

        private String identifier(Node node, Node parent, String path) {
            if (node == null || node.text() == null || node.text().isBlank()) {
                throw bad(node == null ? parent : node, path, node == null ? "missing"
                        : "must be a column name, not " + describe(node));
            }
            return SqlName.identifier(node.text()).orElseThrow(() -> bad(node, path, "'" + node.text()
                    + "' is not a column name (quote mixed-case names: '\"LegNo\"')"));
        }

        /** One identifier or a list of them. */
        private List<String> identifiers(Node node, String path) {
            List<String> names = new ArrayList<>();
            if (node.list() == null) {
                names.add(identifier(node, node, path));
            } else {
                for (Node item : node.list()) {
                    names.add(identifier(item, node, path));
                }
                if (names.isEmpty()) {
                    throw bad(node, path, "is empty");
                }
            }
            if (new LinkedHashSet<>(names).size() != names.size()) {
                throw bad(node, path, "names a column twice");
            }
            return names;
        }

        private static String describe(Node node) {
            if (node == null || node.value() == null) {
                return "nothing";
            }
            return node.map() != null ? "a mapping" : node.list() != null ? "a list" : "'" + node.text() + "'";
        }
    }
}
