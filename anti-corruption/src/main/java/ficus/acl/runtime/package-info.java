/**
 * The Kafka Streams runtime of the anti-corruption layer: Debezium JSON in, {@code crm.customer.v1} CloudEvents and
 * dead letters out. Everything Kafka- and Jackson-shaped lives here; the translation itself is in
 * {@code ficus.acl.customer}.
 */
package ficus.acl.runtime;
