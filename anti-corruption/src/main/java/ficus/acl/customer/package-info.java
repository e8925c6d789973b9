/**
 * Leftover: the CRM's {@code customer} extension, kept only because the engine still ships a copy of the CRM's customer
 * spec ({@code ficus/translations/customer.yaml}, {@code extension: customer}) that modules not yet moved to the CRM
 * sample load. The CRM's own extension is {@code ficus.samples.crm.CustomerRules} in {@code samples/crm}; this package
 * goes with the engine's copy of the spec.
 */
package ficus.acl.customer;
