package ficus.acl.runtime;

import ficus.acl.customer.CustomerEvent;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The three topics of the customer translation.
 *
 * @param raw        Debezium's change events of {@code crm.cust} (JSON, schemas disabled), read as bytes so that
 *                   nothing can fail before a bad record reaches the dead letter topic
 * @param domain     the {@code crm.customer.v1} events: key = customer id as decimal text, value = event JSON
 * @param deadLetter untranslatable changes with their original key, value and headers plus the reason
 */
public record AclTopics(Topic<byte[], byte[]> raw, Topic<String, CustomerEvent> domain,
        Topic<byte[], byte[]> deadLetter) {

    public static final String DEFAULT_RAW = "legacy.crm.cust";
    public static final String DEFAULT_DOMAIN = "crm.customer.v1";
    public static final String DEFAULT_DEAD_LETTER = "ficus.dlq.customer";

    public static AclTopics of(String raw, String domain, String deadLetter) {
        return new AclTopics(new Topic<>(raw, Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(domain, Serdes.String(), new CustomerEventSerde()),
                new Topic<>(deadLetter, Serdes.ByteArray(), Serdes.ByteArray()));
    }

    public static AclTopics defaults() {
        return of(DEFAULT_RAW, DEFAULT_DOMAIN, DEFAULT_DEAD_LETTER);
    }
}
