package ficus.connectors.plan;

import java.util.Objects;
import java.util.Optional;
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
