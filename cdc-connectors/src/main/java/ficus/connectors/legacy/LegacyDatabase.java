package ficus.connectors.legacy;

import ficus.connectors.plan.CapturePlan;
import ficus.core.FicusException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JDBC access to the legacy database a capture plan points at, from the machine Ficus runs on (preflight, slot
 * checks, snapshot signals). The password reference is resolved locally ({@code SecretRef.resolve()}).
 */
public final class LegacyDatabase {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private LegacyDatabase() {}

    /** A data source for the plan's connection, its password resolved here. */
    public static DataSource dataSource(CapturePlan plan) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {plan.connection().host()});
        ds.setPortNumbers(new int[] {plan.connection().port()});
        ds.setDatabaseName(plan.connection().database());
        ds.setUser(plan.connection().user());
        ds.setPassword(plan.connection().password().resolve());
        ds.setApplicationName("ficus");
        ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        ds.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        ds.setSocketTimeout(60);
        return ds;
    }

    /**
     * Opens a connection, mapping failures to one-line Ficus errors naming {@code host:port}: unreachable →
     * {@link FicusException.Unavailable}; refused login or a missing database → {@link FicusException.BadInput}.
     */
    public static Connection connect(DataSource ds, CapturePlan plan) {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            throw connectionError(e, plan);
        }
    }

    /** The Ficus error for a failed connection attempt to the plan's database. */
    public static FicusException connectionError(SQLException e, CapturePlan plan) {
        String where = "PostgreSQL at " + plan.hostAndPort();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = firstLine(e.getMessage());
        if (state.startsWith("28")) {
            return new FicusException.BadInput(where + " refused user " + plan.connection().user() + ": " + message
                    + "; check the user and the password reference in the plan");
        }
        if (state.equals("3D000")) {
            return new FicusException.BadInput(where + " has no database " + plan.connection().database()
                    + "; check connection.database in the plan");
        }
        return new FicusException.Unavailable(where + " is unreachable (database " + plan.connection().database()
                + "): " + message + "; check connection.host and connection.port and that the server runs", e);
    }

    /** A database error during a check, as an operation failure naming host:port. */
    public static FicusException queryError(SQLException e, CapturePlan plan, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            return connectionError(e, plan);
        }
        return new FicusException.OperationFailed("PostgreSQL at " + plan.hostAndPort() + "/"
                + plan.connection().database() + " failed while " + what + ": " + firstLine(e.getMessage()), e);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
