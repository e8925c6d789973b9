package ficus.acl.runtime;

import ficus.acl.customer.CustomerEvent;

/** What the translating processor hands downstream: an event for the domain topic or a record for the dead letters. */
sealed interface Outcome {

    record Translated(CustomerEvent event) implements Outcome {
    }

    /** The original key and value bytes; the reason and source coordinates travel as headers. */
    record DeadLetter(byte[] key, byte[] value) implements Outcome {
    }
}
