package ficus.core;

/** The documented exit codes of the {@code ficus} command. The CLI README lists them; keep both in step. */
public enum ExitCode {
    OK(0, "success"),
    FAILED(1, "the operation ran and did not succeed (failed connector task, remaining drift, timed out wait)"),
    BAD_INPUT(2, "bad input: an unknown option, a malformed value, an invalid plan; the message names what and where"),
    UNAVAILABLE(3, "a dependency (database, Kafka, Kafka Connect) could not be reached; retrying later may help"),
    INTERRUPTED(130, "stopped by Ctrl-C before the work finished");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
