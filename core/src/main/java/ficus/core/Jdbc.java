package ficus.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a long-running writer does with its JDBC connection after a failed statement, as a pool does: keep it when it
 * still answers, otherwise close it and take a new one at the next statement (the workloads of the samples).
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** Whether {@code c} still answers within two seconds (false for a server that went away). */
    public static boolean usable(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes {@code c} (null is nothing to close); a connection that fails to close is gone anyway. */
    public static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // already broken: nothing left to release
        }
    }
}
