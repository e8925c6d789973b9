package ficus.acl.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import ficus.acl.spec.SqlName;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import ficus.core.FicusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the golden cases of a spec from YAML:
 *
 * <pre>
 * name: a voyage planned with two legs
 * source: sea                          # the capture's source name (topic prefix); default "legacy"
 * given:                               # in arrival order; lsn counts up by 0x10 unless given
 *   - { table: fleet."Voyage", op: c, after: { Line: NORTH, VoyageNo: 7, state: P, fare: "120.50" } }
 *   - { table: fleet."Leg", op: u, before: {...}, after: {...}, lsn: 0x200, commitLsn: 0x1f0 }
 *   - { table: fleet."Leg", op: d, before: {...} }
 *   - { raw: raw/sea.fleet.vessel.json, record: 0 }   # a record Debezium wrote: { key, value } in a JSON list
 * expect:
 *   events:
 *     - { type: VoyagePlanned, key: "NORTH:7", state: { state: PLANNED, legs: [ { legNo: 1 } ] }, changed: [...] }
 *   deadLetters:
 *     - { kind: SCHEMA_DRIFT, reason: "fare" }
 * reorder: true                        # default: also replay with the tables' changes interleaved otherwise
 * </pre>
 *
 * <p>Row values are written as Debezium's JsonConverter writes them with Ficus's rendered connector config (numeric as
 * text, timestamptz as ISO text, timestamp as epoch microseconds, date as epoch days, ...), so a record copied from a
 * raw topic can be pasted as is. A case's {@code state} is a subset: only the fields given are compared.
 */
public final class GoldenCaseLoader {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LSN_STEP = 0x10;

    private GoldenCaseLoader() {
    }

    /** The folder of a spec's cases: {@code voyage.yaml} → {@code voyage.cases/} beside it. */
    public static Path casesFolder(Path spec) {
        String name = spec.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return spec.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".cases");
    }

    /** Every case in the folder ({@code *.yaml}, by name). */
    public static List<GoldenCase> loadAll(Path folder, TranslationSpec spec) {
        if (!Files.isDirectory(folder)) {
            throw new FicusException.BadInput(folder + ": no such folder of golden cases (write one case per "
                    + "*.yaml file there)");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<GoldenCase> cases = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                cases.add(load(file, spec));
            }
            if (cases.isEmpty()) {
                throw new FicusException.BadInput(folder + ": no golden cases (*.yaml) in this folder");
            }
            return cases;
        } catch (IOException e) {
            throw new FicusException.BadInput(folder + ": cannot read: " + e.getMessage());
        }
    }

    public static GoldenCase load(Path file, TranslationSpec spec) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new FicusException.BadInput(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        String at = file.toString();
        if (root == null || !root.isObject()) {
            throw new FicusException.BadInput(at + ": a golden case is a mapping with name, given and expect");
        }
        known(root, at, "name", "source", "given", "expect", "reorder");
        String name = text(root, "name", at);
        String source = root.hasNonNull("source") ? root.get("source").asText() : "legacy";
        JsonNode given = root.path("given");
        if (!given.isArray() || given.isEmpty()) {
            throw new FicusException.BadInput(at + ": given: a non-empty list of changes");
        }
        List<GoldenCase.Given> changes = new ArrayList<>();
        long lsn = 0x100;
        for (int i = 0; i < given.size(); i++) {
            JsonNode change = given.get(i);
            String where = at + ": given[" + i + "]";
            if (change.has("raw")) {
                changes.add(raw(file, change, where, i));
                continue;
            }
            lsn = change.has("lsn") ? number(change.get("lsn"), where + ".lsn") : lsn + LSN_STEP;
            changes.add(change(change, spec, source, lsn, where, i));
        }
        JsonNode expect = root.path("expect");
        if (!expect.isObject()) {
            throw new FicusException.BadInput(at + ": expect: a mapping with events and/or deadLetters");
        }
        known(expect, at + ": expect", "events", "deadLetters");
        List<GoldenCase.ExpectedEvent> events = new ArrayList<>();
        for (JsonNode event : list(expect, "events", at)) {
            String where = at + ": expect.events[" + events.size() + "]";
            known(event, where, "type", "key", "state", "changed", "values");
            List<String> changed = null;
            if (event.has("changed")) {
                changed = new ArrayList<>();
                for (JsonNode field : event.get("changed")) {
                    changed.add(field.asText());
                }
            }
            events.add(new GoldenCase.ExpectedEvent(text(event, "type", where),
                    event.hasNonNull("key") ? event.get("key").asText() : null,
                    event.has("state") ? event.get("state") : null, changed,
                    event.has("values") ? event.get("values") : JsonNodeFactory.instance.objectNode()));
        }
        List<GoldenCase.ExpectedDeadLetter> letters = new ArrayList<>();
        for (JsonNode letter : list(expect, "deadLetters", at)) {
            String where = at + ": expect.deadLetters[" + letters.size() + "]";
            known(letter, where, "kind", "reason");
            letters.add(new GoldenCase.ExpectedDeadLetter(letter.hasNonNull("kind") ? letter.get("kind").asText()
                    : null, letter.hasNonNull("reason") ? letter.get("reason").asText() : null));
        }
        boolean reorder = !root.has("reorder") || root.get("reorder").asBoolean();
        return new GoldenCase(at, name, changes, events, letters, reorder);
    }

    private static GoldenCase.Given raw(Path file, JsonNode change, String where, int index) {
        Path rawFile = file.resolveSibling(change.get("raw").asText());
        JsonNode records;
        try {
            records = JSON.readTree(rawFile.toFile());
        } catch (IOException e) {
            throw new FicusException.BadInput(where + ".raw: cannot read " + rawFile + ": " + e.getMessage());
        }
        int number = change.has("record") ? change.get("record").asInt() : 0;
        if (!records.isArray() || number < 0 || number >= records.size()) {
            throw new FicusException.BadInput(where + ".record: " + rawFile + " has no record " + number);
        }
        JsonNode record = records.get(number);
        JsonNode value = record.path("value");
        String table = value.path("source").path("schema").asText() + "." + value.path("source").path("table")
                .asText();
        try {
            return new GoldenCase.Given(value.path("source").path("name").asText() + "." + table, table,
                    record.has("key") ? JSON.writeValueAsBytes(record.get("key")) : null,
                    JSON.writeValueAsBytes(value), index);
        } catch (IOException e) {
            throw new FicusException.BadInput(where + ": " + e.getMessage());
        }
    }

    private static GoldenCase.Given change(JsonNode change, TranslationSpec spec, String source, long lsn,
            String where, int index) {
        known(change, where, "table", "op", "before", "after", "lsn", "commitLsn", "snapshot");
        List<String> name = SqlName.qualified(text(change, "table", where)).orElseThrow(() ->
                new FicusException.BadInput(where + ".table: '" + change.get("table").asText()
                        + "' is not schema.table"));
        String table = name.get(0) + "." + name.get(1);
        TableSpec tableSpec = spec.tables().stream().filter(t -> t.is(name.get(0), name.get(1))).findFirst()
                .orElse(null);
        String op = text(change, "op", where);
        if (!List.of("c", "u", "d", "r").contains(op)) {
            throw new FicusException.BadInput(where + ".op: '" + op + "' is not c, u, d or r");
        }
        JsonNode before = change.path("before");
        JsonNode after = change.path("after");
        if (op.equals("d") ? !before.isObject() : !after.isObject()) {
            throw new FicusException.BadInput(where + ": a" + (op.equals("d") ? " delete needs before" : "n " + op
                    + " change needs after"));
        }
        ObjectNode value = JSON.createObjectNode();
        value.set("before", before.isObject() ? before : null);
        value.set("after", after.isObject() ? after : null);
        ObjectNode sourceNode = value.putObject("source");
        sourceNode.put("version", "3.7.0.Final").put("connector", "postgresql").put("name", source);
        sourceNode.put("ts_ms", 1_700_000_000_000L + lsn);
        String snapshot = change.hasNonNull("snapshot") ? change.get("snapshot").asText()
                : op.equals("r") ? "true" : "false";
        sourceNode.put("snapshot", snapshot);
        sourceNode.put("db", source).put("schema", name.get(0)).put("table", name.get(1));
        long commitLsn = change.has("commitLsn") ? number(change.get("commitLsn"), where + ".commitLsn") : lsn;
        if (!op.equals("r")) {
            sourceNode.put("sequence", "[\"" + commitLsn + "\",\"" + lsn + "\"]");
        }
        sourceNode.put("lsn", lsn);
        value.put("op", op);
        value.put("ts_ms", 1_700_000_000_000L + lsn);
        ObjectNode key = JSON.createObjectNode();
        JsonNode row = op.equals("d") ? before : after;
        List<String> keyColumns = tableSpec == null ? List.of() : tableSpec.keyColumns();
        for (String column : keyColumns) {
            key.set(column, row.get(column));
        }
        try {
            return new GoldenCase.Given(source + "." + table, table, keyColumns.isEmpty() ? null
                    : JSON.writeValueAsBytes(key), JSON.writeValueAsBytes(value), index);
        } catch (IOException e) {
            throw new FicusException.BadInput(where + ": " + e.getMessage());
        }
    }

    private static long number(JsonNode node, String where) {
        String text = node.asText();
        try {
            return text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FicusException.BadInput(where + ": '" + text + "' is not a number (decimal or 0x hex)");
        }
    }

    private static List<JsonNode> list(JsonNode parent, String field, String at) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new FicusException.BadInput(at + ": expect." + field + ": must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        ((ArrayNode) node).forEach(items::add);
        return items;
    }

    private static void known(JsonNode node, String where, String... keys) {
        if (!node.isObject()) {
            throw new FicusException.BadInput(where + ": must be a mapping");
        }
        List<String> allowed = List.of(keys);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw new FicusException.BadInput(where + "." + key + ": unknown key (expected one of " + allowed
                        + ")");
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new FicusException.BadInput(where + "." + field + ": missing");
        }
        return value.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
