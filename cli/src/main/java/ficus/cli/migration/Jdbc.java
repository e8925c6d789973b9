package ficus.cli.migration;

import ficus.core.FicusException;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL database given on the command line: a JDBC URL, a user, and the name of the variable with the password. */
final class Jdbc {

    private Jdbc() {
    }

    static DataSource dataSource(String option, String url, String user, String passwordEnv) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new FicusException.BadInput(option + " '" + url + "' is not a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:port/database)");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (passwordEnv != null) {
            String password = System.getenv(passwordEnv);
            if (password == null) {
                throw new FicusException.BadInput(option + ": the environment variable " + passwordEnv
                        + " (the password) is not set");
            }
            ds.setPassword(password);
        }
        ds.setApplicationName("ficus");
        ds.setConnectTimeout(5);
        return ds;
    }
}
