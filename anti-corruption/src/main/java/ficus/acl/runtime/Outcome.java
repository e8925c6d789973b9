package ficus.acl.runtime;

import ficus.acl.customer.CustomerEvent;

/** What the processors hand downstream: an event, a change routed to its customer, or a dead letter. */
sealed interface Outcome {

    record Translated(CustomerEvent event) implements Outcome {
    }

    /** A parsed change whose customer's aggregate is in another task: through the repartition topic. */
    record Routed(ChangeEnvelope change) implements Outcome {
    }

    /**
     * A parsed change of the root table read on the partition its customer's aggregate lives on: straight to the
     * translation, in memory.
     */
    record Local(ChangeEnvelope change) implements Outcome {
    }

    /** The original key and value bytes; the reason and source coordinates travel as headers. */
    record DeadLetter(byte[] key, byte[] value) implements Outcome {
    }
}
