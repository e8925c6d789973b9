package ficus.core;

/**
 * The root of every error Ficus reports to a user. Each subtype carries the {@link ExitCode} the CLI maps it to, and
 * says whether trying again later may help. Messages are one line and name what is wrong and where (file, line,
 * field, key, URL).
 */
public abstract sealed class FicusException extends RuntimeException
        permits FicusException.BadInput, FicusException.Unavailable, FicusException.OperationFailed {

    private final ExitCode exitCode;
    private final boolean retriable;

    private FicusException(String message, Throwable cause, ExitCode exitCode, boolean retriable) {
        super(message, cause);
        this.exitCode = exitCode;
        this.retriable = retriable;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public boolean retriable() {
        return retriable;
    }

    /** The user gave something Ficus cannot use: a plan, an option, a file. Fix the input and run again. */
    public static final class BadInput extends FicusException {
        public BadInput(String message) {
            super(message, null, ExitCode.BAD_INPUT, false);
        }

        public BadInput(String message, Throwable cause) {
            super(message, cause, ExitCode.BAD_INPUT, false);
        }
    }

    /** Something Ficus depends on (database, broker, Connect) cannot be reached. Retriable. */
    public static final class Unavailable extends FicusException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause, ExitCode.UNAVAILABLE, true);
        }
    }

    /** An operation ran and did not succeed: a connector task failed, a wait ran out, drift remained. */
    public static final class OperationFailed extends FicusException {
        public OperationFailed(String message) {
            super(message, null, ExitCode.FAILED, false);
        }

        public OperationFailed(String message, Throwable cause) {
            super(message, cause, ExitCode.FAILED, false);
        }
    }
}
