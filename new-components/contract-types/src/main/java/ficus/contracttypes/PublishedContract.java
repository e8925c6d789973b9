package ficus.contracttypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ficus.core.FicusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A published contract as its files say it: one AsyncAPI 3 document for a domain topic ({@code asyncapi.yaml}) and,
 * beside it, the JSON Schema of each message's payload ({@code <EventType>.schema.json}).
 *
 * @param asyncApi the AsyncAPI document's file
 * @param topic    the channel's address, {@code <context>.<aggregate>.v<major>}
 * @param messages the messages in the channel's order
 * @param sha256   of the document and every schema it refers to, in that order: what the types were generated from
 */
public record PublishedContract(Path asyncApi, String topic, List<Message> messages, String sha256) {

    /** The AsyncAPI document's file name in a contract directory. */
    public static final String ASYNCAPI = "asyncapi.yaml";
    private static final Pattern TOPIC = Pattern.compile("([a-z][a-z0-9_-]*)\\.([a-z][A-Za-z0-9_-]*)\\.v([0-9]+)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One event type.
     *
     * @param name    the message name, e.g. {@code OrderPlaced}
     * @param ceType  the {@code ce_type} header's constant, e.g. {@code sales.OrderPlaced.v1}
     * @param payload the JSON Schema of the value
     */
    public record Message(String name, String ceType, ObjectNode payload) {
    }

    public PublishedContract {
        messages = List.copyOf(messages);
    }

    /** The aggregate the topic names: {@code sales.order.v1} → {@code order}. */
    public String aggregate() {
        var m = TOPIC.matcher(topic);
        return m.matches() ? m.group(2) : topic.replaceAll("[^A-Za-z0-9]", "");
    }

    /**
     * Reads the contract at {@code location}: an AsyncAPI file, or a directory holding {@value #ASYNCAPI}, or a
     * directory with exactly one {@code <topic>/}{@value #ASYNCAPI}.
     *
     * @throws FicusException.BadInput naming the file and what is wrong in it
     */
    public static PublishedContract read(Path location) {
        Path file = asyncApiFile(location);
        byte[] document;
        JsonNode root;
        try {
            document = Files.readAllBytes(file);
            root = YAML.readTree(document);
        } catch (IOException e) {
            throw new FicusException.BadInput(file + ": not a readable AsyncAPI document: " + firstLine(e), e);
        }
        if (root == null || !root.path("asyncapi").asText("").startsWith("3.")) {
            throw new FicusException.BadInput(file + ": not an AsyncAPI 3 document (no 'asyncapi: 3.x')");
        }
        JsonNode channels = root.path("channels");
        if (channels.size() != 1) {
            throw new FicusException.BadInput(file + ": channels: expected exactly one channel (one domain topic), "
                    + "found " + channels.size());
        }
        JsonNode channel = channels.elements().next();
        String topic = channel.path("address").asText(null);
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new FicusException.BadInput(file + ": channels: address '" + topic + "' is not a domain topic "
                    + "<context>.<aggregate>.v<major>");
        }
        MessageDigest digest = newDigest();
        digest.update(document);
        List<Message> messages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = channel.path("messages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode message = resolve(root, entry.getValue(), file);
            String name = message.path("name").asText(entry.getKey());
            String ceType = message.path("headers").path("properties").path("ce_type").path("const").asText(null);
            if (ceType == null) {
                throw new FicusException.BadInput(file + ": message " + name + ": headers.ce_type has no const: "
                        + "the event type on the wire is not declared");
            }
            String ref = message.path("payload").path("$ref").asText(null);
            if (ref == null || ref.startsWith("#")) {
                throw new FicusException.BadInput(file + ": message " + name + ": payload must be a $ref to the "
                        + "event type's schema file beside the document, e.g. ./" + name + ".schema.json");
            }
            Path schemaFile = file.resolveSibling(ref).normalize();
            byte[] schemaBytes;
            JsonNode schema;
            try {
                schemaBytes = Files.readAllBytes(schemaFile);
                schema = JSON.readTree(schemaBytes);
            } catch (IOException e) {
                throw new FicusException.BadInput(file + ": message " + name + ": payload " + ref + " cannot be "
                        + "read: " + firstLine(e), e);
            }
            if (!(schema instanceof ObjectNode payload) || !"object".equals(schema.path("type").asText())) {
                throw new FicusException.BadInput(schemaFile + ": the payload schema of " + name + " must be an "
                        + "object schema");
            }
            digest.update(("\n" + ref + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(schemaBytes);
            messages.add(new Message(name, ceType, payload));
        }
        if (messages.isEmpty()) {
            throw new FicusException.BadInput(file + ": channel " + topic + " declares no messages");
        }
        return new PublishedContract(file, topic, messages, HexFormat.of().formatHex(digest.digest()));
    }

    private static Path asyncApiFile(Path location) {
        if (Files.isRegularFile(location)) {
            return location;
        }
        if (!Files.isDirectory(location)) {
            throw new FicusException.BadInput("contract " + location + ": no such file or directory (give the "
                    + "contract's " + ASYNCAPI + " or its directory)");
        }
        if (Files.isRegularFile(location.resolve(ASYNCAPI))) {
            return location.resolve(ASYNCAPI);
        }
        List<Path> found;
        try (var dirs = Files.list(location)) {
            found = dirs.map(d -> d.resolve(ASYNCAPI)).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new FicusException.BadInput("contract " + location + ": cannot list it: " + firstLine(e), e);
        }
        if (found.size() != 1) {
            throw new FicusException.BadInput("contract " + location + ": expected " + ASYNCAPI + " in it or in "
                    + "exactly one of its directories, found " + (found.isEmpty() ? "none" : found)
                    + "; name the topic's directory");
        }
        return found.get(0);
    }

    private static JsonNode resolve(JsonNode root, JsonNode node, Path file) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 8; depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new FicusException.BadInput(file + ": " + ref + ": only references inside the document are "
                        + "supported for messages");
            }
            JsonNode target = root.at(ref.substring(1)); // a JSON pointer: ~1 and ~0 are Jackson's to decode
            if (target.isMissingNode()) {
                throw new FicusException.BadInput(file + ": " + ref + " points at nothing");
            }
            current = target;
        }
        return current;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
