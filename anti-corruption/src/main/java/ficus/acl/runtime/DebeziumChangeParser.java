package ficus.acl.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import java.io.IOException;
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
 */
public final class DebeziumChangeParser {

    private final ObjectMapper mapper;

    public DebeziumChangeParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public DebeziumChangeParser() {
        this(new ObjectMapper());
    }

    public Change parse(byte[] value) {
        if (value == null) {
            throw new MalformedChangeException("value is null (a tombstone, not a change)");
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (IOException e) {
            throw new MalformedChangeException("value is not JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedChangeException("value is not a JSON object");
        }
        if (root.has("schema") && root.path("payload").isObject()) {
            root = root.get("payload");
        }
        String op = requiredText(root, "op", "op");
        Operation operation = Operation.forCode(op).orElseThrow(() -> new MalformedChangeException(
                "unsupported op '" + op + "' (expected c, u, d or r)"));
        JsonNode source = root.get("source");
        if (source == null || !source.isObject()) {
            throw new MalformedChangeException("field source is missing or not an object");
        }
        Origin origin = new Origin(requiredText(source, "name", "source.name"),
                requiredText(source, "schema", "source.schema"), requiredText(source, "table", "source.table"));
        Instant commitTime = Instant.ofEpochMilli(requiredLong(source, "ts_ms", "source.ts_ms"));
        SourcePosition position = position(operation, source);
        try {
            return new Change(operation, row(root, "before"), row(root, "after"), position, commitTime, origin);
        } catch (IllegalArgumentException e) {
            throw new MalformedChangeException(e.getMessage(), e);
        }
    }

    private SourcePosition position(Operation operation, JsonNode source) {
        if (operation == Operation.READ) {
            return SourcePosition.snapshot(requiredLong(source, "lsn", "source.lsn"));
        }
        long lastCommitLsn = 0L;
        Long sequenceLsn = null;
        JsonNode sequence = source.get("sequence");
        if (sequence != null && !sequence.isNull()) {
            JsonNode pair;
            try {
                pair = sequence.isTextual() ? mapper.readTree(sequence.asText()) : sequence;
            } catch (JsonProcessingException e) {
                throw new MalformedChangeException("source.sequence is not a JSON array: " + sequence.asText(), e);
            }
            if (pair == null || !pair.isArray() || pair.size() != 2) {
                throw new MalformedChangeException("source.sequence is not a pair [lastCommitLsn, lsn]: " + sequence);
            }
            lastCommitLsn = lsnOrZero(pair.get(0), "source.sequence[0]");
            sequenceLsn = pair.get(1).isNull() ? null : lsnOrZero(pair.get(1), "source.sequence[1]");
        }
        JsonNode lsn = source.get("lsn");
        if (lsn != null && !lsn.isNull()) {
            return SourcePosition.streamed(lastCommitLsn, requiredLong(source, "lsn", "source.lsn"));
        }
        if (sequenceLsn != null) {
            return SourcePosition.streamed(lastCommitLsn, sequenceLsn);
        }
        throw new MalformedChangeException("field source.lsn is missing and source.sequence has no lsn");
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

    private static Row row(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new MalformedChangeException("field " + field + " is neither an object nor null");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> column : node.properties()) {
            values.put(column.getKey(), scalar(column.getValue()));
        }
        return Row.of(values);
    }

    private static Object scalar(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.toString();
    }

    private static String requiredText(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new MalformedChangeException("field " + field + " is missing or not text");
        }
        return value.textValue();
    }

    private static long requiredLong(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
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
