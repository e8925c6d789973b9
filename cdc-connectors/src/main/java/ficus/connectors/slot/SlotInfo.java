package ficus.connectors.slot;

/**
 * A logical replication slot as {@code pg_replication_slots} shows it.
 *
 * @param lagBytes      WAL written since the consumer last confirmed ({@code pg_current_wal_lsn() - confirmed_flush_lsn}):
 *                      how far behind the connector is
 * @param retainedBytes WAL the server keeps for this slot ({@code pg_current_wal_lsn() - restart_lsn}): the disk it
 *                      costs
 * @param activePid     the pid of the walsender streaming from it, or 0 when inactive
 * @param walStatus     PostgreSQL's {@code wal_status}: {@code reserved} or {@code extended} (the WAL it needs is
 *                      kept), {@code unreserved} (beyond {@code max_slot_wal_keep_size}: removed at the next
 *                      checkpoint) or {@code lost} (removed: the slot cannot be read again); null when unknown
 * @param safeWalBytes  WAL that can still be written before the slot is in danger ({@code safe_wal_size}); null when
 *                      {@code max_slot_wal_keep_size} is unlimited or unknown
 */
public record SlotInfo(String name, boolean active, long lagBytes, long retainedBytes, String database, String plugin,
                       int activePid, String walStatus, Long safeWalBytes) {

    /** The contract's four fields; database, plugin, pid and WAL status unknown. */
    public SlotInfo(String name, boolean active, long lagBytes, long retainedBytes) {
        this(name, active, lagBytes, retainedBytes, null, null, 0, null, null);
    }

    /** Without the WAL status (servers before PostgreSQL 13). */
    public SlotInfo(String name, boolean active, long lagBytes, long retainedBytes, String database, String plugin,
                    int activePid) {
        this(name, active, lagBytes, retainedBytes, database, plugin, activePid, null, null);
    }

    /** The server removed WAL this slot needs: what was committed meanwhile can never be captured from it. */
    public boolean lost() {
        return "lost".equals(walStatus);
    }

    /** Beyond {@code max_slot_wal_keep_size}: the next checkpoint removes WAL this slot needs. */
    public boolean endangered() {
        return "unreserved".equals(walStatus);
    }

    /**
     * e.g. {@code slot ficus_legacy_crm active, lag 1234 B, retained 5678 B (1073741824 B more before
     * max_slot_wal_keep_size)}.
     */
    public String render() {
        String wal = lost() ? ", WAL LOST" : endangered() ? ", WAL beyond max_slot_wal_keep_size"
                : safeWalBytes == null ? "" : " (" + safeWalBytes + " B more before max_slot_wal_keep_size)";
        return "slot " + name + " " + (active ? "active" : "inactive") + ", lag " + lagBytes + " B, retained "
                + retainedBytes + " B" + wal;
    }
}
