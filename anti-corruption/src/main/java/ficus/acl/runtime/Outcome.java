package ficus.acl.runtime;

import ficus.acl.aggregate.DomainEvent;

/**
 * What the processors hand downstream: an event, a change routed to its aggregate, a message for the reference index,
 * or a dead letter.
 */
sealed interface Outcome {

    /** A domain event and its value, written once. */
    record Translated(DomainEvent event, byte[] value) implements Outcome {
    }

    /** A parsed change whose aggregate is in another task: through the repartition topic. */
    record Routed(ChangeEnvelope change) implements Outcome {
    }

    /**
     * A parsed change of the root table read on the partition its aggregate lives on: straight to the translation,
     * in memory.
     */
    record Local(ChangeEnvelope change) implements Outcome {
    }

    /** A change of a referenced row, or an aggregate starting or stopping to follow one: to the reference index. */
    record Referenced(ReferenceMessage message) implements Outcome {
    }

    /** The original key and value bytes; the reason and source coordinates travel as headers. */
    record DeadLetter(byte[] key, byte[] value) implements Outcome {
    }
}
