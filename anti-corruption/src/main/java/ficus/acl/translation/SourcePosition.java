package ficus.acl.translation;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a change sits in the legacy database's stream, and the position the layer stamps on an aggregate's event:
 * {@code <phase>/<commitLsn>/<lsn>[/<revision>]}, each LSN as 16 upper-case hex digits, the optional revision as 4.
 * Phase 0 is a snapshot read ({@code 0/0000000000000000/<lsn>}), phase 1 a streamed change
 * ({@code 1/<last commit LSN from source.sequence[0], 0 if null>/<lsn>}).
 *
 * <p>The revision orders events of one aggregate that share a source position: an aggregate assembled from several
 * tables may receive a part whose source position is not after the position it last published (two topics interleave
 * arbitrarily); its event is then stamped {@code last published base / revision + 1}, strictly greater than anything
 * published for that aggregate and lower than any later source position. Revision 0 is not written, so a position
 * without a revision is exactly the old three-part text, and the text stays ordered: {@code String.compareTo} on
 * {@link #format()} orders positions exactly as {@link #compareTo} does (a prefix sorts first, as revision 0 does).
 */
public record SourcePosition(int phase, long commitLsn, long lsn, int revision) implements Comparable<SourcePosition> {

    public static final int SNAPSHOT_PHASE = 0;
    public static final int STREAMING_PHASE = 1;
    public static final int MAX_REVISION = 0xFFFF;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Pattern FORMAT = Pattern.compile("[01]/[0-9A-F]{16}/[0-9A-F]{16}(/[0-9A-F]{4})?");

    public SourcePosition {
        if (phase != SNAPSHOT_PHASE && phase != STREAMING_PHASE) {
            throw new IllegalArgumentException("position phase must be 0 (snapshot) or 1 (streaming), was " + phase);
        }
        if (revision < 0 || revision > MAX_REVISION) {
            throw new IllegalArgumentException("position revision must be 0.." + MAX_REVISION + ", was " + revision);
        }
    }

    /** A source position (revision 0). */
    public SourcePosition(int phase, long commitLsn, long lsn) {
        this(phase, commitLsn, lsn, 0);
    }

    /** The position of a row read by a snapshot taken at this LSN. */
    public static SourcePosition snapshot(long lsn) {
        return new SourcePosition(SNAPSHOT_PHASE, 0L, lsn);
    }

    /** The position of a streamed change: the last commit LSN before it (0 if unknown) and its own LSN. */
    public static SourcePosition streamed(long lastCommitLsn, long lsn) {
        return new SourcePosition(STREAMING_PHASE, lastCommitLsn, lsn);
    }

    /**
     * Parses {@code <phase>/<16 hex>/<16 hex>} or {@code <phase>/<16 hex>/<16 hex>/<4 hex>}; throws
     * {@link IllegalArgumentException} naming the bad text.
     */
    public static SourcePosition parse(String text) {
        Objects.requireNonNull(text, "position");
        if (!FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a source position: '" + text
                    + "' (expected <0|1>/<16 upper-case hex digits>/<16 upper-case hex digits>[/<4 hex digits>])");
        }
        if (text.endsWith("/0000")) {
            throw new IllegalArgumentException("not a source position: '" + text
                    + "' (revision 0 is left out, so that text order stays position order)");
        }
        return new SourcePosition(text.charAt(0) - '0', HexFormat.fromHexDigitsToLong(text, 2, 18),
                HexFormat.fromHexDigitsToLong(text, 19, 35),
                text.length() > 35 ? HexFormat.fromHexDigits(text, 36, 40) : 0);
    }

    public String format() {
        String base = phase + "/" + hex(commitLsn) + "/" + hex(lsn);
        return revision == 0 ? base : base + "/" + HEX.toHexDigits((short) revision);
    }

    private static String hex(long value) {
        return HEX.toHexDigits(value);
    }

    /** This position without its revision: the source position it was stamped from. */
    public SourcePosition base() {
        return revision == 0 ? this : new SourcePosition(phase, commitLsn, lsn);
    }

    /**
     * The next revision of this position: greater than this one, smaller than any greater source position.
     *
     * @throws IllegalStateException when the revision is exhausted ({@value #MAX_REVISION} parts of one aggregate in a
     *                               row arrived with positions not after the aggregate's)
     */
    public SourcePosition nextRevision() {
        if (revision == MAX_REVISION) {
            throw new IllegalStateException("position " + format() + " has no next revision");
        }
        return new SourcePosition(phase, commitLsn, lsn, revision + 1);
    }

    public boolean isAfter(SourcePosition other) {
        return compareTo(other) > 0;
    }

    /** Phase, then commit LSN, then LSN, then revision; LSNs compare unsigned, as their hex text does. */
    @Override
    public int compareTo(SourcePosition other) {
        int byPhase = Integer.compare(phase, other.phase);
        if (byPhase != 0) {
            return byPhase;
        }
        int byCommit = Long.compareUnsigned(commitLsn, other.commitLsn);
        if (byCommit != 0) {
            return byCommit;
        }
        int byLsn = Long.compareUnsigned(lsn, other.lsn);
        return byLsn != 0 ? byLsn : Integer.compare(revision, other.revision);
    }

    @Override
    public String toString() {
        return format();
    }
}
