package ficus.sandbox;

import ficus.core.FicusException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which backend runs the sandbox: {@code embedded} (the default: servers in this JVM, nothing but a JDK needed) or
 * {@code testcontainers} (PostgreSQL, Kafka and Connect images on a container engine). Chosen by the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}.
 */
public enum StackKind {
    EMBEDDED("embedded"),
    TESTCONTAINERS("testcontainers");

    public static final String PROPERTY = "ficus.stack";
    public static final String ENVIRONMENT = "FICUS_STACK";

    private final String setting;

    StackKind(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** The stack the settings of this JVM ask for; an unknown value is bad input that names the accepted ones. */
    public static StackKind fromSettings() {
        String value = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
            source = ENVIRONMENT;
        }
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        return parse(value, source);
    }

    static StackKind parse(String value, String source) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.setting.equals(wanted)).findFirst()
                .orElseThrow(() -> new FicusException.BadInput(source + "=" + value + " is not a sandbox stack: use "
                        + Arrays.stream(values()).map(StackKind::setting).collect(Collectors.joining(" or "))));
    }
}
