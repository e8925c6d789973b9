package ficus.connectors.slot;

import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * The legacy database's side of a connector: its replication slot (lag, retained WAL, drop) and publication. Deleting a
 * connector in Connect leaves both behind; a forgotten slot keeps WAL until the disk is full.
 */
public final class ReplicationSlots {

    private static final Duration POLL = Duration.ofMillis(200);

    private ReplicationSlots() {}

    /** The slot of that name, or empty. */
    public static Optional<SlotInfo> find(DataSource ds, String slotName) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement("""
                select slot_name, active,
                       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::bigint,
                       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint,
                       database, plugin, coalesce(active_pid, 0), wal_status, safe_wal_size
                from pg_replication_slots where slot_name = ?""")) {
            st.setString(1, slotName);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long safe = rs.getLong(9);
                return Optional.of(new SlotInfo(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.wasNull() ? null : safe));
            }
        } catch (SQLException e) {
            throw error(e, "reading replication slot " + slotName);
        }
    }

    /**
     * Drops the slot (its retained WAL is freed; a connector using it later must snapshot again).
     *
     * @return true if it existed and was dropped, false if there was no such slot
     * @throws FicusException.BadInput if the slot is active: stop or delete its connector first
     */
    public static boolean drop(DataSource ds, String slotName) {
        return drop(ds, slotName, Duration.ZERO);
    }

    /**
     * As {@link #drop(DataSource, String)}, waiting up to {@code waitForInactive} for an active slot to be released
     * first (a deleted connector's task lets go of its slot a moment later).
     */
    public static boolean drop(DataSource ds, String slotName, Duration waitForInactive) {
        Instant deadline = Instant.now().plus(waitForInactive);
        while (true) {
            Optional<SlotInfo> slot = find(ds, slotName);
            if (slot.isEmpty()) {
                return false;
            }
            if (!slot.get().active()) {
                try (Connection c = ds.getConnection();
                        PreparedStatement st = c.prepareStatement("select pg_drop_replication_slot(?)")) {
                    st.setString(1, slotName);
                    st.execute();
                    return true;
                } catch (SQLException e) {
                    if ("42704".equals(e.getSQLState())) {
                        return false; // dropped meanwhile
                    }
                    if (!"55006".equals(e.getSQLState())) { // 55006: became active again meanwhile
                        throw error(e, "dropping replication slot " + slotName);
                    }
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new FicusException.BadInput("replication slot " + slotName + " is active (walsender pid "
                        + slot.get().activePid() + "): a connector still streams from it; stop or delete the"
                        + " connector first, then drop the slot");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** Drops the publication if it exists; true if it existed. */
    public static boolean dropPublication(DataSource ds, String publicationName) {
        if (!publicationName.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new FicusException.BadInput("'" + publicationName + "' is not a publication name");
        }
        try (Connection c = ds.getConnection()) {
            boolean exists;
            try (PreparedStatement st = c.prepareStatement("select 1 from pg_publication where pubname = ?")) {
                st.setString(1, publicationName);
                try (ResultSet rs = st.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists) {
                try (PreparedStatement st = c.prepareStatement("drop publication if exists \"" + publicationName
                        + "\"")) {
                    st.execute();
                }
            }
            return exists;
        } catch (SQLException e) {
            throw error(e, "dropping publication " + publicationName);
        }
    }

    private static FicusException error(SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            return new FicusException.Unavailable("PostgreSQL is unreachable while " + what + ": " + e.getMessage(), e);
        }
        return new FicusException.OperationFailed("PostgreSQL failed while " + what + ": " + e.getMessage(), e);
    }
}
