package ficus.acl.runtime;

/** A raw record that is not a Debezium change event this layer can read; it goes to the dead letter topic. */
public final class MalformedChangeException extends RuntimeException {

    public MalformedChangeException(String message) {
        super(message);
    }

    public MalformedChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
