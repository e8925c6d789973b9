package ficus.acl.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the value of a Debezium PostgreSQL change event (JsonConverter, schemas disabled; an enveloped
 * {@code {"schema":..,"payload":..}} value is unwrapped too) into a {@link Change}. Anything else is a
 * {@link MalformedChangeException} whose message says what is wrong.
 *
 * <p>Position: {@code op=r} → {@code 0/0/<source.lsn>}; otherwise {@code 1/<sequence[0] or 0>/<source.lsn>} where
 * {@code source.sequence} is a JSON string holding {@code ["<last commit lsn>","<lsn>"]}.
 *
 * <p>Re-statement: a read ({@code op=r}) whose {@code source.snapshot} is {@value #REDRIVE_SNAPSHOT} (what a re-drive
 * publishes to the replay topic) is a {@link Change#restate()} change; every other change is not.
 */
public final class DebeziumChangeParser {

    /** {@code source.snapshot} of a re-drive read: the request to re-state the aggregate. */
    public static final String REDRIVE_SNAPSHOT = "redrive";

    private final ObjectMapper mapper;
    private final java.util.Set<String> undecodedColumns;

    public DebeziumChangeParser(ObjectMapper mapper) {
        this(mapper, java.util.Set.of());
    }

    /**
     * @param undecodedColumns columns whose values are not decoded: the row has the column, with {@code null}; only
     *                         for columns nothing reads ({@link ficus.acl.spec.TranslationSpec#undecodedColumns()})
     */
    public DebeziumChangeParser(ObjectMapper mapper, java.util.Set<String> undecodedColumns) {
        this.mapper = mapper;
        this.undecodedColumns = java.util.Set.copyOf(undecodedColumns);
    }

    public DebeziumChangeParser() {
        this(new ObjectMapper());
    }

    public Change parse(byte[] value) {
        return parse(value, null);
    }

    /**
     * Like {@link #parse(byte[])}, but leaves out the before image of a change for which {@code beforeNeeded} says no
     * (given the operation and origin): the routing step does not build the before row of a root update, which nothing
     * downstream reads. The before row of a delete is always read (it identifies the row).
     */
    Change parse(byte[] value, java.util.function.BiPredicate<Operation, Origin> beforeNeeded) {
        if (value == null) {
            throw new MalformedChangeException("value is null (a tombstone, not a change)");
        }
        Fields root;
        try (JsonParser parser = mapper.getFactory().createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    parser.skipChildren(); // a broken array is "not JSON", a whole one "not a JSON object"
                }
                throw new MalformedChangeException("value is not a JSON object");
            }
            root = readObject(parser, value, true); // like readTree, content after the object is not read
        } catch (IOException e) {
            throw new MalformedChangeException("value is not JSON: " + firstLine(e.getMessage()), e);
        }
        if (root.schema && root.payload != null) {
            root = root.payload;
        }
        return change(root, value, beforeNeeded);
    }

    /**
     * The top-level fields of a change (or of the envelope's {@code payload}), read in one streaming pass: rows are
     * built directly, everything the layer does not read is skipped without building a tree.
     */
    private static final class Fields {
        boolean schema;
        Fields payload;
        JsonNode op;
        boolean sourcePresent;
        boolean sourceIsObject;
        JsonNode sourceName;
        JsonNode sourceSchema;
        JsonNode sourceTable;
        JsonNode tsMs;
        JsonNode lsn;
        JsonNode sequence;
        JsonNode snapshot;
        Object before; // Row, null, BAD_ROW or a Slice (read when needed)
        Object after;
    }

    private static final Object BAD_ROW = new Object();

    /** Where an object sits in the value, to be read only if needed. */
    private record Slice(int start, int end) {
    }

    private Fields readObject(JsonParser parser, byte[] value, boolean topLevel) throws IOException {
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "before" -> {
                    if (token == JsonToken.START_OBJECT) {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        fields.before = new Slice(start, (int) parser.currentLocation().getByteOffset());
                    } else {
                        fields.before = readRow(parser, token);
                    }
                }
                case "after" -> fields.after = readRow(parser, token);
                case "op" -> fields.op = scalarNode(parser, token);
                case "source" -> readSource(parser, token, fields);
                case "schema" -> {
                    fields.schema = true;
                    parser.skipChildren();
                }
                case "payload" -> {
                    if (topLevel && token == JsonToken.START_OBJECT) {
                        fields.payload = readObject(parser, value, false);
                    } else {
                        fields.payload = null;
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return fields;
    }

    private void readSource(JsonParser parser, JsonToken token, Fields fields) throws IOException {
        fields.sourcePresent = token != JsonToken.VALUE_NULL;
        fields.sourceIsObject = token == JsonToken.START_OBJECT;
        fields.sourceName = null;
        fields.sourceSchema = null;
        fields.sourceTable = null;
        fields.tsMs = null;
        fields.lsn = null;
        fields.sequence = null;
        fields.snapshot = null;
        if (!fields.sourceIsObject) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "name" -> fields.sourceName = scalarNode(parser, value);
                case "schema" -> fields.sourceSchema = scalarNode(parser, value);
                case "table" -> fields.sourceTable = scalarNode(parser, value);
                case "ts_ms" -> fields.tsMs = scalarNode(parser, value);
                case "lsn" -> fields.lsn = scalarNode(parser, value);
                case "snapshot" -> fields.snapshot = scalarNode(parser, value);
                case "sequence" -> fields.sequence = value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT
                        ? mapper.readTree(parser) : scalarNode(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    /** A scalar as the tree model would hold it (a container is read as its tree). */
    private JsonNode scalarNode(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NULL -> NullNode.getInstance();
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> LongNode.valueOf(parser.getLongValue());
                default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(parser.getDoubleValue());
            default -> mapper.readTree(parser);
        };
    }

    private Object readRow(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return BAD_ROW;
        }
        Map<String, Object> values = new LinkedHashMap<>(16);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String column = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!undecodedColumns.isEmpty() && undecodedColumns.contains(column)) {
                parser.skipChildren(); // a scalar is left undecoded (the parser skips it), a container skipped
                values.put(column, null);
                continue;
            }
            values.put(column, columnValue(parser, value));
        }
        return Row.adopt(values); // a fresh map per row: no copy
    }

    /**
     * A column's value as JsonConverter wrote it: text, a whole number ({@code Long}, or {@code BigInteger} beyond),
     * a fraction exactly as written ({@code BigDecimal}), a boolean, an array as a list of such values (a PostgreSQL
     * array), any other structure as its JSON text.
     */
    private Object columnValue(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> (Object) parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> {
                java.util.List<Object> items = new java.util.ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(columnValue(parser, item));
                }
                yield java.util.Collections.unmodifiableList(items);
            }
            default -> mapper.readTree(parser).toString();
        };
    }

    private Change change(Fields root, byte[] value, java.util.function.BiPredicate<Operation, Origin> beforeNeeded) {
        String op = requiredText(root.op, "op");
        Operation operation = Operation.forCode(op).orElseThrow(() -> new MalformedChangeException(
                "unsupported op '" + op + "' (expected c, u, d or r)"));
        if (!root.sourcePresent || !root.sourceIsObject) {
            throw new MalformedChangeException("field source is missing or not an object");
        }
        Origin origin = new Origin(requiredText(root.sourceName, "source.name"),
                requiredText(root.sourceSchema, "source.schema"), requiredText(root.sourceTable, "source.table"));
        Instant commitTime = Instant.ofEpochMilli(requiredLong(root.tsMs, "source.ts_ms"));
        SourcePosition position = position(operation, root);
        boolean restate = operation == Operation.READ && root.snapshot != null && root.snapshot.isTextual()
                && REDRIVE_SNAPSHOT.equals(root.snapshot.textValue());
        Object before = root.before;
        if (before instanceof Slice slice) {
            before = operation == Operation.DELETE || beforeNeeded == null || beforeNeeded.test(operation, origin)
                    ? readSlice(value, slice) : null;
        }
        try {
            return new Change(operation, row(before, "before"), row(root.after, "after"), position, commitTime,
                    origin, restate);
        } catch (IllegalArgumentException e) {
            throw new MalformedChangeException(e.getMessage(), e);
        }
    }

    private Object readSlice(byte[] value, Slice slice) {
        try (JsonParser parser = mapper.getFactory().createParser(value, slice.start(), slice.end() - slice.start())) {
            return readRow(parser, parser.nextToken());
        } catch (IOException e) {
            throw new MalformedChangeException("value is not JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static Row row(Object row, String field) {
        if (row == BAD_ROW) {
            throw new MalformedChangeException("field " + field + " is neither an object nor null");
        }
        return (Row) row;
    }

    private SourcePosition position(Operation operation, Fields source) {
        if (operation == Operation.READ) {
            return SourcePosition.snapshot(requiredLong(source.lsn, "source.lsn"));
        }
        long lastCommitLsn = 0L;
        Long sequenceLsn = null;
        JsonNode sequence = source.sequence;
        if (sequence != null && !sequence.isNull()) {
            long[] fast = sequence.isTextual() ? fastSequence(sequence.textValue()) : null;
            if (fast != null) {
                lastCommitLsn = fast[0];
                sequenceLsn = fast[1];
            } else {
                JsonNode pair;
                try {
                    pair = sequence.isTextual() ? mapper.readTree(sequence.asText()) : sequence;
                } catch (JsonProcessingException e) {
                    throw new MalformedChangeException("source.sequence is not a JSON array: " + sequence.asText(),
                            e);
                }
                if (pair == null || !pair.isArray() || pair.size() != 2) {
                    throw new MalformedChangeException("source.sequence is not a pair [lastCommitLsn, lsn]: "
                            + sequence);
                }
                lastCommitLsn = lsnOrZero(pair.get(0), "source.sequence[0]");
                sequenceLsn = pair.get(1).isNull() ? null : lsnOrZero(pair.get(1), "source.sequence[1]");
            }
        }
        JsonNode lsn = source.lsn;
        if (lsn != null && !lsn.isNull()) {
            return SourcePosition.streamed(lastCommitLsn, requiredLong(lsn, "source.lsn"));
        }
        if (sequenceLsn != null) {
            return SourcePosition.streamed(lastCommitLsn, sequenceLsn);
        }
        throw new MalformedChangeException("field source.lsn is missing and source.sequence has no lsn");
    }

    /**
     * Debezium's usual {@code ["<digits>","<digits>"]} or {@code [null,"<digits>"]} without a JSON parser; anything
     * else ({@code null}: take the general path) is read as JSON.
     */
    private static long[] fastSequence(String text) {
        int length = text.length();
        if (length < 5 || text.charAt(0) != '[' || text.charAt(length - 1) != ']') {
            return null;
        }
        int comma = text.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String first = text.substring(1, comma);
        String second = text.substring(comma + 1, length - 1);
        long lastCommit;
        if (first.equals("null")) {
            lastCommit = 0L;
        } else {
            Long parsed = quotedDigits(first);
            if (parsed == null) {
                return null;
            }
            lastCommit = parsed;
        }
        Long lsn = quotedDigits(second);
        return lsn == null ? null : new long[] {lastCommit, lsn};
    }

    private static Long quotedDigits(String text) {
        int length = text.length();
        if (length < 3 || length > 20 || text.charAt(0) != '"' || text.charAt(length - 1) != '"') {
            return null;
        }
        long value = 0;
        for (int i = 1; i < length - 1; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long lsnOrZero(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return 0L;
        }
        try {
            return node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asText());
        } catch (NumberFormatException e) {
            throw new MalformedChangeException("field " + field + " is not an LSN: " + node);
        }
    }

    private static String requiredText(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            throw new MalformedChangeException("field " + field + " is missing or not text");
        }
        return value.textValue();
    }

    private static long requiredLong(JsonNode value, String field) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedChangeException("field " + field + " is missing or not a whole number");
        }
        return value.longValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
