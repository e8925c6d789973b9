package ficus.connectors.slot;

/**
 * A logical replication slot as {@code pg_replication_slots} shows it.
 *
 * @param lagBytes      WAL written since the consumer last confirmed ({@code pg_current_wal_lsn() - confirmed_flush_lsn}):
 *                      how far behind the connector is
 * @param retainedBytes WAL the server keeps for this slot ({@code pg_current_wal_lsn() - restart_lsn}): the disk it
 *                      costs
 * @param activePid     the pid of the walsender streaming from it, or 0 when inactive
 */
public record SlotInfo(String name, boolean active, long lagBytes, long retainedBytes, String database, String plugin,
                       int activePid) {

    /** The contract's four fields; database, plugin and pid unknown. */
    public SlotInfo(String name, boolean active, long lagBytes, long retainedBytes) {
        this(name, active, lagBytes, retainedBytes, null, null, 0);
    }

    /** e.g. {@code slot ficus_legacy_crm active, lag 1234 B, retained 5678 B}. */
    public String render() {
        return "slot " + name + " " + (active ? "active" : "inactive") + ", lag " + lagBytes + " B, retained "
                + retainedBytes + " B";
    }
}
