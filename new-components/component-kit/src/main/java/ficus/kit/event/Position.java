package ficus.kit.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source position Ficus stamps on every domain event ({@code ce_ficusposition}):
 * {@code <phase>/<16 upper-hex digits>/<16 upper-hex digits>}. Phase 0 is a snapshot read
 * ({@code 0/0000000000000000/<lsn>}), phase 1 a streamed change ({@code 1/<last commit lsn>/<lsn>}).
 *
 * <p>The text form is fixed width, so {@link String#compareTo} on two well-formed positions orders them exactly as
 * {@link #compareTo} does; this type exists so that a malformed position is rejected instead of being compared.
 */
public record Position(int phase, long lastCommitLsn, long lsn) implements Comparable<Position> {

    private static final Pattern FORMAT = Pattern.compile("([0-9])/([0-9A-F]{16})/([0-9A-F]{16})");

    public Position {
        if (phase < 0 || phase > 9) {
            throw new IllegalArgumentException("position phase must be one digit, was " + phase);
        }
    }

    /**
     * @throws IllegalArgumentException naming the expected format when {@code text} is not a position
     */
    public static Position parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("position is missing");
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("position '" + text
                    + "' is not <phase>/<16 upper-hex digits>/<16 upper-hex digits>");
        }
        return new Position(Integer.parseInt(m.group(1)), Long.parseUnsignedLong(m.group(2), 16),
                Long.parseUnsignedLong(m.group(3), 16));
    }

    public boolean isNewerThan(Position other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Position other) {
        int c = Integer.compare(phase, other.phase);
        if (c == 0) {
            c = Long.compareUnsigned(lastCommitLsn, other.lastCommitLsn);
        }
        if (c == 0) {
            c = Long.compareUnsigned(lsn, other.lsn);
        }
        return c;
    }

    /** The canonical text form, as carried in {@code ce_ficusposition} and stored by the kit. */
    @Override
    public String toString() {
        return phase + "/" + hex(lastCommitLsn) + "/" + hex(lsn);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
