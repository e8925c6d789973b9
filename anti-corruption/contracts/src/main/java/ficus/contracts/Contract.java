package ficus.contracts;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import ficus.core.FicusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The published contract of one domain topic: its AsyncAPI document and one JSON Schema per event type. On disk it is
 * a directory named after the topic (the major version is part of the name: {@code sales.invoice.v1}) holding
 * {@value #ASYNCAPI_FILE} and {@code <EventName>.schema.json} files.
 *
 * @param topic    the domain topic, e.g. {@code sales.invoice.v1}
 * @param asyncApi the AsyncAPI 3.0 document
 * @param schemas  event name → JSON Schema of the event value
 */
public record Contract(String topic, ObjectNode asyncApi, Map<String, ObjectNode> schemas) {

    public static final String ASYNCAPI_FILE = "asyncapi.yaml";
    public static final String SCHEMA_SUFFIX = ".schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());
    private static final ObjectWriter JSON_WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    public Contract {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(asyncApi, "asyncApi");
        schemas = Collections.unmodifiableMap(new LinkedHashMap<>(schemas));
    }

    /** The major version in the topic name ({@code sales.invoice.v1} → 1), or 0 if the name carries none. */
    public int majorVersion() {
        int v = topic.lastIndexOf(".v");
        try {
            return v < 0 ? 0 : Integer.parseInt(topic.substring(v + 2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** File name → content, exactly as {@link #write} writes them. */
    public Map<String, String> files() {
        Map<String, String> files = new TreeMap<>();
        files.put(ASYNCAPI_FILE, yaml(asyncApi));
        schemas.forEach((name, schema) -> files.put(name + SCHEMA_SUFFIX, json(schema)));
        return files;
    }

    /** Writes the files into {@code dir} (created if needed); returns them. Stale schema files are removed. */
    public List<Path> write(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> existing = Files.list(dir)) {
                for (Path stale : existing.filter(p -> p.getFileName().toString().endsWith(SCHEMA_SUFFIX)).toList()) {
                    Files.delete(stale);
                }
            }
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, String> file : files().entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                written.add(path);
            }
            return written;
        } catch (IOException e) {
            throw new FicusException.OperationFailed("cannot write the contract of " + topic + " to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads a contract directory; the topic is the directory's name. */
    public static Contract read(Path dir) {
        Path doc = dir.resolve(ASYNCAPI_FILE);
        if (!Files.isRegularFile(doc)) {
            throw new FicusException.BadInput("no " + ASYNCAPI_FILE + " in contract directory " + dir);
        }
        try {
            JsonNode asyncApi = YAML.readTree(doc.toFile());
            if (!(asyncApi instanceof ObjectNode)) {
                throw new FicusException.BadInput(doc + ": not a YAML mapping");
            }
            Map<String, ObjectNode> schemas = new TreeMap<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(SCHEMA_SUFFIX)).toList()) {
                    String name = file.getFileName().toString();
                    JsonNode schema = JSON.readTree(file.toFile());
                    if (!(schema instanceof ObjectNode)) {
                        throw new FicusException.BadInput(file + ": a JSON Schema must be an object");
                    }
                    schemas.put(name.substring(0, name.length() - SCHEMA_SUFFIX.length()), (ObjectNode) schema);
                }
            }
            return new Contract(dir.getFileName().toString(), (ObjectNode) asyncApi, schemas);
        } catch (IOException e) {
            throw new FicusException.BadInput("unreadable contract in " + dir + ": " + e.getMessage());
        }
    }

    static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(JsonNode node) {
        try {
            return JSON_WRITER.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
