package ficus.connectors.preflight;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every check of one preflight run, in the order they ran. */
public record PreflightReport(List<CheckResult> checks) {

    public PreflightReport {
        checks = List.copyOf(checks);
    }

    /** No check FAILed (warnings allowed). */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> c.status() == Status.FAIL).toList();
    }

    public List<CheckResult> warnings() {
        return checks.stream().filter(c -> c.status() == Status.WARN).toList();
    }

    /** The check of that name, e.g. {@code wal_level}. */
    public Optional<CheckResult> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** One line per check (fixes indented below), then a verdict line. */
    public String render() {
        String body = checks.stream().map(CheckResult::render).collect(Collectors.joining(System.lineSeparator()));
        long failed = failures().size();
        String verdict = failed == 0
                ? "preflight passed (" + warnings().size() + " warning(s))"
                : "preflight FAILED: " + failed + " check(s) failed";
        return body + System.lineSeparator() + verdict;
    }
}
