package ficus.connectors.publication;

import ficus.connectors.plan.TableId;
import java.util.List;

/**
 * What the catalog says about one captured table, as far as capture cares.
 *
 * @param oid              the table's oid
 * @param partitioned      a partitioned table (relkind {@code p}): its rows live in its partitions
 * @param partitionOf      the partitioned table this one is a partition of, or null
 * @param replicaIdentity  {@code d} default, {@code f} full, {@code i} index, {@code n} nothing
 * @param columns          the live columns, in attribute order
 * @param identityColumns  the columns of the replica identity (primary key or the identity index; every column when
 *                         FULL), what a column list must keep
 */
public record TableFacts(TableId table, long oid, boolean partitioned, TableId partitionOf, char replicaIdentity,
                         List<Column> columns, List<String> identityColumns) {

    /**
     * One column.
     *
     * @param type      the type as {@code format_type} writes it
     * @param toastable a variable-length type stored {@code extended} or {@code external}: a large value lives out of
     *                  line, and an update that does not touch it carries no value for it unless REPLICA IDENTITY FULL
     */
    public record Column(String name, String type, boolean toastable) {
    }

    public TableFacts {
        columns = List.copyOf(columns);
        identityColumns = List.copyOf(identityColumns);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
