package ficus.acl.runtime;

import ficus.acl.customer.CustomerAddress;
import ficus.acl.customer.CustomerAggregate;
import ficus.acl.customer.CustomerSnapshot;
import ficus.acl.customer.CustomerState;
import ficus.acl.customer.CustomerStatus;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary forms of the aggregate store's values and of a parsed {@link Change} (carried through the repartition topic
 * so a part change is parsed from JSON once). Every encoded value starts with a format byte that JSON never starts
 * with, so the aggregate serde still reads values an earlier (JSON) version wrote.
 */
final class BinaryCodec {

    /** Format byte of an aggregate (version 1 of the binary form). JSON starts with '{' (0x7B) or whitespace. */
    static final int AGGREGATE_V1 = 0x01;

    private static final Operation[] OPERATIONS = Operation.values();
    private static final CustomerStatus[] STATUSES = CustomerStatus.values();

    private static final int NULL = 0;
    private static final int LONG = 1;
    private static final int STRING = 2;
    private static final int TRUE = 3;
    private static final int FALSE = 4;
    private static final int BIG_INTEGER = 5;
    private static final int BIG_DECIMAL = 6;

    private static final ThreadLocal<Binary.Writer> WRITERS = ThreadLocal.withInitial(() -> new Binary.Writer(1024));

    private BinaryCodec() {
    }

    // ---------------------------------------------------------------------------------------------- aggregate

    static byte[] writeAggregate(CustomerAggregate aggregate) {
        Binary.Writer out = WRITERS.get().reset();
        out.writeByte(AGGREGATE_V1);
        out.writeLong(aggregate.customerId());
        writeState(out, aggregate.root());
        writePosition(out, aggregate.rootPosition());
        out.writeInt(aggregate.parts().size());
        for (Map.Entry<String, Map<Long, CustomerAggregate.PartRow>> part : aggregate.parts().entrySet()) {
            out.writeString(part.getKey());
            out.writeInt(part.getValue().size());
            for (Map.Entry<Long, CustomerAggregate.PartRow> row : part.getValue().entrySet()) {
                out.writeLong(row.getKey());
                writePosition(out, row.getValue().position());
                Map<String, String> values = row.getValue().values();
                if (values == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(values.size());
                    for (Map.Entry<String, String> value : values.entrySet()) {
                        out.writeString(value.getKey());
                        out.writeString(value.getValue());
                    }
                }
            }
        }
        CustomerSnapshot published = aggregate.published();
        out.writeBoolean(published != null);
        if (published != null) {
            out.writeLong(published.customerId());
            writeState(out, published.state());
            writePosition(out, published.position());
            out.writeBoolean(published.removed());
            out.writeString(published.lastEventId());
        }
        return out.toByteArray();
    }

    static CustomerAggregate readAggregate(byte[] data) {
        Binary.Reader in = new Binary.Reader(data, 0);
        int format = in.readByte();
        if (format != AGGREGATE_V1) {
            throw new IllegalArgumentException("unknown aggregate format " + format);
        }
        long customerId = in.readLong();
        CustomerState root = readState(in);
        SourcePosition rootPosition = readPosition(in);
        int partCount = in.readInt();
        Map<String, Map<Long, CustomerAggregate.PartRow>> parts = new LinkedHashMap<>();
        for (int p = 0; p < partCount; p++) {
            String name = in.readString();
            int rowCount = in.readInt();
            Map<Long, CustomerAggregate.PartRow> rows = new LinkedHashMap<>();
            for (int r = 0; r < rowCount; r++) {
                long key = in.readLong();
                SourcePosition position = readPosition(in);
                int valueCount = in.readInt();
                Map<String, String> values = null;
                if (valueCount >= 0) {
                    values = new LinkedHashMap<>();
                    for (int v = 0; v < valueCount; v++) {
                        values.put(in.readString(), in.readString());
                    }
                }
                rows.put(key, new CustomerAggregate.PartRow(values, position));
            }
            parts.put(name, rows);
        }
        CustomerSnapshot published = null;
        if (in.readBoolean()) {
            long id = in.readLong();
            CustomerState state = readState(in);
            SourcePosition position = readPosition(in);
            boolean removed = in.readBoolean();
            published = new CustomerSnapshot(id, state, position, removed, in.readString());
        }
        return new CustomerAggregate(customerId, root, rootPosition, parts, published);
    }

    private static void writeState(Binary.Writer out, CustomerState state) {
        out.writeBoolean(state != null);
        if (state == null) {
            return;
        }
        out.writeLong(state.customerId());
        out.writeString(state.name());
        out.writeString(state.email());
        out.writeString(state.status().name());
        writeInstant(out, state.registeredAt());
        CustomerAddress address = state.address();
        out.writeBoolean(address != null);
        if (address != null) {
            out.writeString(address.line1());
            out.writeString(address.city());
            out.writeString(address.zip());
            out.writeString(address.country());
        }
        out.writeInt(state.openLeads() == null ? -1 : state.openLeads());
    }

    private static CustomerState readState(Binary.Reader in) {
        if (!in.readBoolean()) {
            return null;
        }
        long customerId = in.readLong();
        String name = in.readString();
        String email = in.readString();
        CustomerStatus status = status(in.readString());
        Instant registeredAt = readInstant(in);
        CustomerAddress address = in.readBoolean()
                ? new CustomerAddress(in.readString(), in.readString(), in.readString(), in.readString())
                : null;
        int openLeads = in.readInt();
        return new CustomerState(customerId, name, email, status, registeredAt, address,
                openLeads < 0 ? null : openLeads);
    }

    private static CustomerStatus status(String name) {
        for (CustomerStatus status : STATUSES) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown customer status " + name);
    }

    private static void writePosition(Binary.Writer out, SourcePosition position) {
        if (position == null) {
            out.writeByte(-1);
            return;
        }
        out.writeByte(position.phase());
        out.writeLong(position.commitLsn());
        out.writeLong(position.lsn());
        out.writeInt(position.revision());
    }

    private static SourcePosition readPosition(Binary.Reader in) {
        int phase = in.readByte();
        if (phase == -1) {
            return null;
        }
        return new SourcePosition(phase, in.readLong(), in.readLong(), in.readInt());
    }

    private static void writeInstant(Binary.Writer out, Instant instant) {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(Binary.Reader in) {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    // ---------------------------------------------------------------------------------------------- change

    /** A change with its {@link Change#restate()} flag last (the envelope's format 3). */
    static void writeChange(Binary.Writer out, Change change) {
        out.writeByte(change.operation().ordinal());
        writeRow(out, change.before());
        writeRow(out, change.after());
        writePosition(out, change.position());
        writeInstant(out, change.commitTime());
        out.writeString(change.origin().source());
        out.writeString(change.origin().schema());
        out.writeString(change.origin().table());
        out.writeBoolean(change.restate());
    }

    /**
     * @param withRestate whether the form carries the restate flag (format 3); format 2 did not, its changes are
     *                    ordinary ones
     */
    static Change readChange(Binary.Reader in, boolean withRestate) {
        Operation operation = OPERATIONS[in.readByte()];
        Row before = readRow(in);
        Row after = readRow(in);
        SourcePosition position = readPosition(in);
        Instant commitTime = readInstant(in);
        Origin origin = new Origin(in.readString(), in.readString(), in.readString());
        boolean restate = withRestate && in.readBoolean();
        return new Change(operation, before, after, position, commitTime, origin, restate);
    }

    private static void writeRow(Binary.Writer out, Row row) {
        if (row == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(row.columns().size());
        for (String column : row.columns()) {
            out.writeString(column);
            Object value = row.value(column);
            switch (value) {
                case null -> out.writeByte(NULL);
                case Long l -> out.writeByte(LONG).writeLong(l);
                case String s -> out.writeByte(STRING).writeString(s);
                case Boolean b -> out.writeByte(b ? TRUE : FALSE);
                case BigInteger big -> out.writeByte(BIG_INTEGER).writeString(big.toString());
                case BigDecimal decimal -> out.writeByte(BIG_DECIMAL).writeString(decimal.toString());
                default -> throw new IllegalArgumentException("column " + column + " holds a "
                        + value.getClass().getSimpleName() + ", which a parsed change never does");
            }
        }
    }

    private static Row readRow(Binary.Reader in) {
        int columns = in.readInt();
        if (columns < 0) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>(Math.max(4, columns * 2));
        for (int i = 0; i < columns; i++) {
            String column = in.readString();
            int tag = in.readByte();
            values.put(column, switch (tag) {
                case NULL -> null;
                case LONG -> in.readLong();
                case STRING -> in.readString();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case BIG_INTEGER -> new BigInteger(in.readString());
                case BIG_DECIMAL -> new BigDecimal(in.readString());
                default -> throw new IllegalArgumentException("unknown column value tag " + tag);
            });
        }
        return Row.of(values);
    }
}
