package ficus.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** Reads durations as people write them: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h30m}, or ISO-8601 {@code PT60S}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase();
        if (v.startsWith("pt") || v.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(v.toUpperCase()), value);
            } catch (RuntimeException e) {
                throw invalid(value);
            }
        }
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(value);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != v.length()) {
            throw invalid(value);
        }
        return total;
    }

    private static Duration nonNegative(Duration d, String value) {
        if (d.isNegative()) {
            throw invalid(value);
        }
        return d;
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration; write e.g. 90s, 5m, 1h30m or 500ms");
    }
}
