package ficus.acl.runtime;

import ficus.acl.customer.CustomerEvent;

/** What the processors hand downstream: an event, a change routed to its customer, or a dead letter. */
sealed interface Outcome {

    record Translated(CustomerEvent event) implements Outcome {
    }

    /** A raw change re-keyed by its customer id, on its way to the customer's aggregate. */
    record Routed(ChangeEnvelope change) implements Outcome {
    }

    /** The original key and value bytes; the reason and source coordinates travel as headers. */
    record DeadLetter(byte[] key, byte[] value) implements Outcome {
    }
}
