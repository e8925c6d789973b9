package ficus.connectors.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ficus.core.FicusException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every node and key, read with Jackson's streaming parser so
 * validation can say exactly where a problem is. Package-private: only the plan loader reads YAML.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** 1-based line of the node's first token. */
    int line();

    /** What a reader calls this kind of node in a message. */
    String kind();

    record Entry(String key, int keyLine, YamlNode value) {}

    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is null for YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(int line, String text, JsonToken token) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "empty" : "a value";
        }

        boolean isNull() {
            return text == null;
        }
    }

    /**
     * Reads one YAML document. A malformed document, a duplicate key or an empty file is reported as
     * {@code <file>:<line>: ...} bad input.
     */
    static YamlNode read(Reader reader, String file) {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new FicusException.BadInput(file + ":1: the file is empty; a capture plan is a YAML mapping");
            }
            return readValue(parser, file);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new FicusException.BadInput(file + ":" + line + ": not valid YAML: " + firstLine(e.getOriginalMessage())
                    + "; fix the syntax (indentation, quoting) at that line", e);
        } catch (IOException e) {
            throw new FicusException.BadInput(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static YamlNode readValue(JsonParser parser, String file) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    YamlNode value = readValue(parser, file);
                    Entry previous = entries.putIfAbsent(key, new Entry(key, keyLine, value));
                    if (previous != null) {
                        throw new FicusException.BadInput(file + ":" + keyLine + ": " + key + ": given twice (first at line "
                                + previous.keyLine() + "); keep one");
                    }
                }
                return new Mapping(line, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, file));
                }
                return new Sequence(line, items);
            }
            case VALUE_NULL -> {
                return new Scalar(line, null, token);
            }
            default -> {
                return new Scalar(line, parser.getText(), token);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
