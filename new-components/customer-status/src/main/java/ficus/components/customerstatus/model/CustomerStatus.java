package ficus.components.customerstatus.model;

/** A customer's status as the domain contract {@code crm.customer.v1} names it. */
public enum CustomerStatus {
    PROSPECT, ACTIVE, SUSPENDED, CLOSED
}
