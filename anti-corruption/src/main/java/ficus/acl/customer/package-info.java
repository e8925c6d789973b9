/**
 * The customer translation: legacy {@code crm.cust} rows to the {@code crm.customer.v1} domain events. Pure Java (see
 * {@code ficus.acl.translation}); the Kafka Streams runtime, the backfill and the reconciliation all call
 * {@link ficus.acl.customer.CustomerTranslation}.
 */
package ficus.acl.customer;
