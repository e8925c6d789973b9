package ficus.acl.runtime;

import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of one translation.
 *
 * @param raw        Debezium's change events of the root table (JSON, schemas disabled), read as bytes so that
 *                   nothing can fail before a bad record reaches the dead letter topic
 * @param domain     the domain events: key = the aggregate key's text, value = event JSON ({@link EventJson})
 * @param deadLetter untranslatable changes with their original key, value and headers plus the reason
 * @param parts      Debezium's topics of the aggregate's other tables, named like {@code raw}:
 *                   {@code <prefix>.<schema>.<table>}
 * @param replay     where {@code DeadLetters.replay} re-publishes dead letters for the layer to translate again
 * @param codeTables captured code table ({@code schema.table}) → its topic
 * @param follows    where the translation step tells the reference index which referenced rows an aggregate starts
 *                   or stops following ({@code <dead letter topic>.follows}); {@code null} for a spec without
 *                   references
 */
public record AclTopics(Topic<byte[], byte[]> raw, Topic<String, byte[]> domain,
        Topic<byte[], byte[]> deadLetter, List<String> parts, String replay, Map<String, String> codeTables,
        String follows) {

    /** Suffix of the replay topic after the dead letter topic's name. */
    public static final String REPLAY_SUFFIX = ".replay";
    /** Suffix of the topic of reference follows after the dead letter topic's name (specs with references only). */
    public static final String FOLLOWS_SUFFIX = ".follows";

    public AclTopics {
        parts = List.copyOf(parts);
        codeTables = Map.copyOf(codeTables);
    }

    /** A spec's topics under its own names: domain {@code <context>.<aggregate>.v<N>}, {@code ficus.dlq.<name>}. */
    public static AclTopics of(TranslationSpec spec, String raw) {
        return of(spec, raw, spec.domainTopic(), spec.deadLetterTopic(), spec.deadLetterTopic() + REPLAY_SUFFIX);
    }

    /**
     * The topics for a spec: the parts' and code tables' topics share the root topic's prefix (the capture's
     * {@code topic.prefix}): {@code legacy.fleet.Voyage} → {@code legacy.fleet.Leg}.
     */
    public static AclTopics of(TranslationSpec spec, String raw, String domain, String deadLetter, String replay) {
        String prefix = prefix(spec, raw);
        List<String> parts = new ArrayList<>();
        for (TableSpec table : spec.tables().subList(1, spec.tables().size())) {
            if (!parts.contains(prefix + table.table())) {
                parts.add(prefix + table.table());
            }
        }
        Map<String, String> codeTables = new LinkedHashMap<>();
        spec.codeTables().forEach(table -> codeTables.put(table, prefix + table));
        boolean references = spec.parts().stream().anyMatch(p -> p.isReference());
        return new AclTopics(new Topic<>(raw, Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(domain, Serdes.String(), Serdes.ByteArray()),
                new Topic<>(deadLetter, Serdes.ByteArray(), Serdes.ByteArray()), parts, replay, codeTables,
                references ? deadLetter + FOLLOWS_SUFFIX : null);
    }

    private static String prefix(TranslationSpec spec, String raw) {
        String suffix = spec.root().table();
        return raw.endsWith("." + suffix) ? raw.substring(0, raw.length() - suffix.length()) : "";
    }


    /** Every topic the layer creates and reads besides the sources: domain, dead letters, replay, follows. */
    public List<String> own() {
        List<String> own = new ArrayList<>(List.of(domain.name(), deadLetter.name(), replay));
        if (follows != null) {
            own.add(follows);
        }
        return own;
    }

    /** Every topic the translation reads changes from: root, parts, replay. */
    public List<String> sources() {
        List<String> sources = new ArrayList<>();
        sources.add(raw.name());
        sources.addAll(parts);
        sources.add(replay);
        return sources;
    }
}
