package ficus.acl.runtime;

import ficus.acl.customer.CustomerEvent;
import ficus.acl.spec.TableSpec;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the customer translation.
 *
 * @param raw        Debezium's change events of the root table {@code crm.cust} (JSON, schemas disabled), read as
 *                   bytes so that nothing can fail before a bad record reaches the dead letter topic
 * @param domain     the {@code crm.customer.v1} events: key = customer id as decimal text, value = event JSON
 * @param deadLetter untranslatable changes with their original key, value and headers plus the reason
 * @param parts      Debezium's topics of the aggregate's other tables ({@code crm.cust_addr}, {@code crm.lead}), named
 *                   like {@code raw}: {@code <prefix>.<schema>.<table>}
 * @param replay     where {@code DeadLetters.replay} re-publishes dead letters for the layer to translate again
 * @param codeTables captured code table ({@code schema.table}) → its topic
 */
public record AclTopics(Topic<byte[], byte[]> raw, Topic<String, CustomerEvent> domain,
        Topic<byte[], byte[]> deadLetter, List<String> parts, String replay, Map<String, String> codeTables) {

    public static final String DEFAULT_RAW = "legacy.crm.cust";
    public static final String DEFAULT_DOMAIN = "crm.customer.v1";
    public static final String DEFAULT_DEAD_LETTER = "ficus.dlq.customer";
    /** Suffix of the replay topic after the dead letter topic's name. */
    public static final String REPLAY_SUFFIX = ".replay";

    public AclTopics {
        parts = List.copyOf(parts);
        codeTables = Map.copyOf(codeTables);
    }

    /** With the shipped customer spec. */
    public static AclTopics of(String raw, String domain, String deadLetter) {
        return of(TranslationSpecLoader.customer(), raw, domain, deadLetter, deadLetter + REPLAY_SUFFIX);
    }

    /**
     * The topics for a spec: the parts' and code tables' topics share the root topic's prefix (the capture's
     * {@code topic.prefix}): {@code legacy.crm.cust} → {@code legacy.crm.cust_addr}.
     */
    public static AclTopics of(TranslationSpec spec, String raw, String domain, String deadLetter, String replay) {
        String prefix = prefix(spec, raw);
        List<String> parts = new ArrayList<>();
        for (TableSpec table : spec.tables().subList(1, spec.tables().size())) {
            parts.add(prefix + table.table());
        }
        Map<String, String> codeTables = new LinkedHashMap<>();
        spec.codeTables().forEach(table -> codeTables.put(table, prefix + table));
        return new AclTopics(new Topic<>(raw, Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(domain, Serdes.String(), new CustomerEventSerde()),
                new Topic<>(deadLetter, Serdes.ByteArray(), Serdes.ByteArray()), parts, replay, codeTables);
    }

    private static String prefix(TranslationSpec spec, String raw) {
        String suffix = spec.root().table();
        return raw.endsWith("." + suffix) ? raw.substring(0, raw.length() - suffix.length()) : "";
    }

    public static AclTopics defaults() {
        return of(DEFAULT_RAW, DEFAULT_DOMAIN, DEFAULT_DEAD_LETTER);
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
