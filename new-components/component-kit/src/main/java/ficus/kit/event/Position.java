package ficus.kit.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source position Ficus stamps on every domain event ({@code ce_ficusposition}):
 * {@code <phase>/<16 upper-hex digits>/<16 upper-hex digits>[/<4 upper-hex digits>]}. Phase 0 is a snapshot read
 * ({@code 0/0000000000000000/<lsn>}), phase 1 a streamed change ({@code 1/<last commit lsn>/<lsn>}). The optional
 * revision orders events of one aggregate stamped from the same source position (the anti-corruption layer writes
 * {@code <last published>/0001}, {@code /0002}... when a part of an aggregate from another table arrives with a source
 * position that is not after the one it already published); a position without it has revision 0.
 *
 * <p>The text form is fixed width (revision 0 is never written), so {@link String#compareTo} on two well-formed
 * positions orders them exactly as {@link #compareTo} does; this type exists so that a malformed position is rejected
 * instead of being compared.
 */
public record Position(int phase, long lastCommitLsn, long lsn, int revision) implements Comparable<Position> {

    private static final Pattern FORMAT =
            Pattern.compile("([0-9])/([0-9A-F]{16})/([0-9A-F]{16})(?:/([0-9A-F]{4}))?");

    public Position {
        if (phase < 0 || phase > 9) {
            throw new IllegalArgumentException("position phase must be one digit, was " + phase);
        }
        if (revision < 0 || revision > 0xFFFF) {
            throw new IllegalArgumentException("position revision must be 0..FFFF, was " + revision);
        }
    }

    /** A position without revision. */
    public Position(int phase, long lastCommitLsn, long lsn) {
        this(phase, lastCommitLsn, lsn, 0);
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
                    + "' is not <phase>/<16 upper-hex digits>/<16 upper-hex digits>[/<4 upper-hex digits>]");
        }
        if ("0000".equals(m.group(4))) {
            throw new IllegalArgumentException("position '" + text + "' writes revision 0 (it is left out)");
        }
        return new Position(Integer.parseInt(m.group(1)), Long.parseUnsignedLong(m.group(2), 16),
                Long.parseUnsignedLong(m.group(3), 16), m.group(4) == null ? 0 : Integer.parseInt(m.group(4), 16));
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
        if (c == 0) {
            c = Integer.compare(revision, other.revision);
        }
        return c;
    }

    /** The canonical text form, as carried in {@code ce_ficusposition} and stored by the kit (at most 40 characters). */
    @Override
    public String toString() {
        String base = phase + "/" + hex(lastCommitLsn, 16) + "/" + hex(lsn, 16);
        return revision == 0 ? base : base + "/" + hex(revision, 4);
    }

    private static String hex(long value, int width) {
        String digits = Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(width - digits.length()) + digits;
    }
}
