package ficus.connectors.publication;

import ficus.connectors.plan.TableId;
import java.util.List;
import java.util.Optional;

/**
 * A publication as the catalog has it.
 *
 * @param comment its {@code COMMENT}: Ficus marks its own publications (see {@link PublicationPlan#comment()})
 * @param members the tables added to it ({@code pg_publication_rel}: a partitioned table itself, not its partitions),
 *                each with its column list (null: every column) and whether it has a row filter
 */
public record ExistingPublication(String name, boolean allTables, boolean viaRoot, String owner, String comment,
                                  List<Member> members) {

    public record Member(TableId table, List<String> columns, boolean filtered) {

        public Member(TableId table, List<String> columns) {
            this(table, columns, false);
        }
    }

    public ExistingPublication {
        members = List.copyOf(members);
    }

    public Optional<Member> member(TableId table) {
        return members.stream().filter(m -> m.table().equals(table)).findFirst();
    }

    /** Made by Ficus (the deployer or {@code ficus prepare}) for the plan of that name. */
    public boolean madeByFicusFor(String planName) {
        String mark = PublicationPlan.comment(planName);
        return comment != null && (comment.equals(mark) || comment.startsWith(mark + "; "));
    }
}
