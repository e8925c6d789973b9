package ficus.connectors.preflight;

import java.util.Objects;

/**
 * One preflight check of a legacy database.
 *
 * @param name   what was checked, e.g. {@code wal_level} or {@code replica identity crm.cust}
 * @param detail what was found, one line
 * @param fixSql the SQL that fixes it (to be run by a DBA), or null when there is nothing to run (PASS, or a typo in
 *               the plan)
 */
public record CheckResult(String name, Status status, String detail, String fixSql) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    static CheckResult pass(String name, String detail) {
        return new CheckResult(name, Status.PASS, detail, null);
    }

    static CheckResult warn(String name, String detail, String fixSql) {
        return new CheckResult(name, Status.WARN, detail, fixSql);
    }

    static CheckResult fail(String name, String detail, String fixSql) {
        return new CheckResult(name, Status.FAIL, detail, fixSql);
    }

    /** {@code name: detail}. */
    public String summary() {
        return name + ": " + detail;
    }

    /** {@code FAIL  name: detail} and, indented, the fix. */
    public String render() {
        String line = String.format("%-4s  %s", status, summary());
        if (fixSql == null) {
            return line;
        }
        return line + System.lineSeparator() + "      fix: " + fixSql.replace("\n", System.lineSeparator() + "           ");
    }
}
