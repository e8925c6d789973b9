package ficus.acl.translation;

import java.util.List;
import java.util.Objects;

/**
 * What a translation makes of one change: events to publish, a deliberate skip, or a rejection that goes to the dead
 * letter topic with its reason. A rejection is a value, never a swallowed exception.
 */
public sealed interface TranslationResult<E> {

    /** Publish these events, in order. Never empty. */
    record Emit<E>(List<E> events) implements TranslationResult<E> {
        public Emit {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("Emit needs at least one event; use Skip");
            }
        }
    }

    /**
     * Nothing to publish, on purpose (the change touched no mapped column, or is one already published).
     *
     * @param why       for logs and metrics
     * @param duplicate whether the change is at or before the last published position (a replay)
     */
    record Skip<E>(String why, boolean duplicate) implements TranslationResult<E> {
        public Skip {
            Objects.requireNonNull(why, "why");
        }

        public Skip(String why) {
            this(why, false);
        }

        public static <E> Skip<E> duplicate(String why) {
            return new Skip<>(why, true);
        }
    }

    /** The change cannot be translated; {@code reason} names the column and value at fault. */
    record Reject<E>(String reason, RejectionKind kind) implements TranslationResult<E> {
        public Reject {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(kind, "kind");
        }

        public Reject(String reason) {
            this(reason, RejectionKind.REJECTED);
        }

        public static <E> Reject<E> of(UntranslatableException e) {
            return new Reject<>(e.getMessage(), e.kind());
        }
    }
}
