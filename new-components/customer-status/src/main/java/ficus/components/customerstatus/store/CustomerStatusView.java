package ficus.components.customerstatus.store;

import ficus.components.customerstatus.model.CustomerStatus;
import java.time.Instant;

/** One row of {@code customer_status} as the component reads it back. */
public record CustomerStatusView(long customerId, CustomerStatus status, boolean removed, String position,
                                 String lastEventId, Instant legacyCommitTime, Instant appliedAt) {
}
