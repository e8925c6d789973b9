package ficus.acl.translation;

import java.time.Instant;
import java.util.Objects;

/**
 * One captured change of one legacy row, transport removed.
 *
 * @param operation  what happened
 * @param before     the row before the change ({@code null} for create and read; for update and delete it is the full
 *                   row only with REPLICA IDENTITY FULL)
 * @param after      the row after the change ({@code null} for delete)
 * @param position   where the change sits in the source stream
 * @param commitTime when the legacy transaction committed (Debezium {@code source.ts_ms})
 * @param origin     source / schema / table it was captured from
 * @param restate    whether the change asks the layer to re-state the aggregate: after applying the row by the usual
 *                   per-row rule, publish the aggregate's current state even when nothing changed, with a position
 *                   above everything published for it (a re-drive read: {@code op: r},
 *                   {@code source.snapshot: "redrive"}; see DESIGN.md, "Re-drive")
 */
public record Change(Operation operation, Row before, Row after, SourcePosition position, Instant commitTime,
        Origin origin, boolean restate) {

    public Change {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(origin, "origin");
        if (operation == Operation.DELETE ? before == null : after == null) {
            throw new IllegalArgumentException(operation + " change without its "
                    + (operation == Operation.DELETE ? "before" : "after") + " row");
        }
    }

    /** An ordinary change (not a re-statement request). */
    public Change(Operation operation, Row before, Row after, SourcePosition position, Instant commitTime,
            Origin origin) {
        this(operation, before, after, position, commitTime, origin, false);
    }

    /** The row that identifies the changed aggregate: after, or before for a delete. */
    public Row current() {
        return after != null ? after : before;
    }
}
