/**
 * The Kafka Streams runtime of the anti-corruption layer: Debezium JSON in, the spec's domain events as CloudEvents and
 * dead letters out, for any translation spec. Everything Kafka- and Jackson-shaped lives here; the translation itself
 * is {@code ficus.acl.aggregate.AggregateTranslation}.
 */
package ficus.acl.runtime;
