package ficus.acl.translation;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a change sits in the legacy database's stream, monotonic per aggregate: {@code <phase>/<commitLsn>/<lsn>}, each
 * LSN as 16 upper-case hex digits. Phase 0 is a snapshot read ({@code 0/0000000000000000/<lsn>}), phase 1 a streamed
 * change ({@code 1/<last commit LSN from source.sequence[0], 0 if null>/<lsn>}). The text is fixed width, so
 * {@code String.compareTo} on {@link #format()} orders positions exactly as {@link #compareTo} does; consumers may
 * compare the {@code ce_ficusposition} header as plain text.
 */
public record SourcePosition(int phase, long commitLsn, long lsn) implements Comparable<SourcePosition> {

    public static final int SNAPSHOT_PHASE = 0;
    public static final int STREAMING_PHASE = 1;

    private static final Pattern FORMAT = Pattern.compile("[01]/[0-9A-F]{16}/[0-9A-F]{16}");

    public SourcePosition {
        if (phase != SNAPSHOT_PHASE && phase != STREAMING_PHASE) {
            throw new IllegalArgumentException("position phase must be 0 (snapshot) or 1 (streaming), was " + phase);
        }
    }

    /** The position of a row read by a snapshot taken at this LSN. */
    public static SourcePosition snapshot(long lsn) {
        return new SourcePosition(SNAPSHOT_PHASE, 0L, lsn);
    }

    /** The position of a streamed change: the last commit LSN before it (0 if unknown) and its own LSN. */
    public static SourcePosition streamed(long lastCommitLsn, long lsn) {
        return new SourcePosition(STREAMING_PHASE, lastCommitLsn, lsn);
    }

    /** Parses {@code <phase>/<16 hex>/<16 hex>}; throws {@link IllegalArgumentException} naming the bad text. */
    public static SourcePosition parse(String text) {
        Objects.requireNonNull(text, "position");
        if (!FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a source position: '" + text
                    + "' (expected <0|1>/<16 upper-case hex digits>/<16 upper-case hex digits>)");
        }
        return new SourcePosition(text.charAt(0) - '0',
                HexFormat.fromHexDigitsToLong(text, 2, 18), HexFormat.fromHexDigitsToLong(text, 19, 35));
    }

    public String format() {
        return phase + "/" + hex(commitLsn) + "/" + hex(lsn);
    }

    private static String hex(long value) {
        return HexFormat.of().withUpperCase().toHexDigits(value);
    }

    public boolean isAfter(SourcePosition other) {
        return compareTo(other) > 0;
    }

    /** Phase, then commit LSN, then LSN; LSNs compare unsigned, as their hex text does. */
    @Override
    public int compareTo(SourcePosition other) {
        int byPhase = Integer.compare(phase, other.phase);
        if (byPhase != 0) {
            return byPhase;
        }
        int byCommit = Long.compareUnsigned(commitLsn, other.commitLsn);
        return byCommit != 0 ? byCommit : Long.compareUnsigned(lsn, other.lsn);
    }

    @Override
    public String toString() {
        return format();
    }
}
