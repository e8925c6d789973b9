/**
 * The translation model: what a captured legacy change looks like once it is out of the transport, and what a
 * translation answers. Pure Java on purpose — no Kafka, JDBC, Jackson or Spring types — so the live stream
 * ({@code ficus.acl.runtime}), the backfill and the reconciliation all run the very same translation code.
 */
package ficus.acl.translation;
