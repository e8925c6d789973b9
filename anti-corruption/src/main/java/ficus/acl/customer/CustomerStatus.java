package ficus.acl.customer;

import java.util.Optional;

/** A customer's status, translated from the legacy one-letter {@code crm.cust.cst_stat} code. */
public enum CustomerStatus {
    PROSPECT("P"),
    ACTIVE("A"),
    SUSPENDED("S"),
    CLOSED("X");

    private final String legacyCode;

    CustomerStatus(String legacyCode) {
        this.legacyCode = legacyCode;
    }

    public String legacyCode() {
        return legacyCode;
    }

    /** The status for a legacy code (surrounding blanks ignored: {@code char(1)}), or empty when the code is unknown. */
    public static Optional<CustomerStatus> forCode(String legacyCode) {
        if (legacyCode == null) {
            return Optional.empty();
        }
        String code = legacyCode.strip();
        for (CustomerStatus status : values()) {
            if (status.legacyCode.equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
