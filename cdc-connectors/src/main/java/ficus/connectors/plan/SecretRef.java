package ficus.connectors.plan;

import ficus.core.FicusException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where a secret lives, never the secret itself. A reference is handed to Kafka Connect unchanged and resolved by the
 * worker's config providers ({@code config.providers=file,env}), so a plan (kept in git) and a rendered connector
 * config never hold a password.
 */
public sealed interface SecretRef permits SecretRef.Env, SecretRef.File {

    String ENV_SYNTAX = "${env:VARIABLE}";
    String FILE_SYNTAX = "${file:/path/to/secrets.properties:key}";

    /** The reference as Kafka Connect's config-provider syntax, e.g. {@code ${env:PGPASSWORD}}. */
    String reference();

    /**
     * Resolves the reference here, the way the Connect worker's provider would: for preflight checks and other JDBC
     * access from the machine Ficus runs on. The value is never logged or put into a message.
     *
     * @throws FicusException.BadInput naming the reference when it cannot be resolved (variable unset, file or key
     *                                 missing)
     */
    default String resolve() {
        return resolve(System::getenv);
    }

    /** As {@link #resolve()}, with the environment given (for tests). */
    String resolve(UnaryOperator<String> environment);

    /** An environment variable of the Connect worker, resolved by {@code EnvVarConfigProvider}. */
    record Env(String variable) implements SecretRef {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public Env {
            Objects.requireNonNull(variable, "variable");
            if (!NAME.matcher(variable).matches()) {
                throw new IllegalArgumentException("not an environment variable name: " + variable);
            }
        }

        @Override
        public String reference() {
            return "${env:" + variable + "}";
        }

        @Override
        public String resolve(UnaryOperator<String> environment) {
            String value = environment.apply(variable);
            if (value == null) {
                throw new FicusException.BadInput(reference() + ": environment variable " + variable
                        + " is not set here; export it (the Connect worker resolves its own copy)");
            }
            return value;
        }
    }

    /** A key of a properties file the Connect worker can read, resolved by {@code FileConfigProvider}. */
    record File(String path, String key) implements SecretRef {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(key, "key");
            if (path.isBlank() || key.isBlank() || path.contains(":") || path.contains("}") || key.contains("}")) {
                throw new IllegalArgumentException("not a file reference: " + path + ":" + key);
            }
        }

        @Override
        public String reference() {
            return "${file:" + path + ":" + key + "}";
        }

        @Override
        public String resolve(UnaryOperator<String> environment) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                throw new FicusException.BadInput(reference() + ": no such file " + path
                        + " on this machine; give Ficus a copy of the secrets file at that path or use ${env:...}");
            } catch (IOException | IllegalArgumentException e) {
                throw new FicusException.BadInput(reference() + ": cannot read " + path + " as a properties file: "
                        + e.getMessage(), e);
            }
            String value = properties.getProperty(key);
            if (value == null) {
                throw new FicusException.BadInput(reference() + ": " + path + " has no key " + key
                        + "; add it (key=value) or fix the reference");
            }
            return value;
        }
    }

    /**
     * Parses {@code ${env:VAR}} or {@code ${file:/path:key}} (Connect's syntax: the path ends at the first colon
     * after the provider). Empty for anything else, including a literal password.
     */
    static Optional<SecretRef> parse(String text) {
        if (text == null || !text.startsWith("${") || !text.endsWith("}")) {
            return Optional.empty();
        }
        String body = text.substring(2, text.length() - 1);
        try {
            if (body.startsWith("env:")) {
                return Optional.of(new Env(body.substring("env:".length())));
            }
            if (body.startsWith("file:")) {
                String rest = body.substring("file:".length());
                int colon = rest.indexOf(':');
                if (colon < 0) {
                    return Optional.empty();
                }
                return Optional.of(new File(rest.substring(0, colon), rest.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
