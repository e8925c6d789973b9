package ficus.components.leadrouting;

/**
 * The data of customer-status's events {@code customer-status.CustomerBecameInactive.v1} and
 * {@code customer-status.CustomerReactivated.v1} (unknown fields ignored).
 */
public record CustomerActivity(long customerId, String status, boolean removed, String previousStatus) {
}
