package ficus.acl.runtime;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateState;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.spec.FieldType;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Binary forms of the aggregate store's values and of a parsed {@link Change} (carried through the repartition topic
 * so a part change is parsed from JSON once). Values are self-describing: a tag byte per value, so a stored aggregate
 * reads back without its spec. Every encoded aggregate starts with a format byte.
 */
final class BinaryCodec {

    /** Format byte of an aggregate of the generic engine (format 2; format 1 was the one-aggregate layout). */
    static final int AGGREGATE_V2 = 0x02;

    private static final Operation[] OPERATIONS = Operation.values();

    private static final int NULL = 0;
    private static final int LONG = 1;
    private static final int STRING = 2;
    private static final int TRUE = 3;
    private static final int FALSE = 4;
    private static final int BIG_INTEGER = 5;
    private static final int BIG_DECIMAL = 6;
    private static final int DOUBLE = 7;
    private static final int DATE = 8;
    private static final int TIME = 9;
    private static final int LOCAL_DATE_TIME = 10;
    private static final int INSTANT = 11;
    private static final int UUID_VALUE = 12;
    private static final int JSON = 13;
    private static final int BYTES = 14;
    private static final int LIST = 15;
    private static final int ROW = 16;
    /** In place of a published state's root row: the aggregate's root row itself. */
    private static final int SAME_AS_ROOT = -3;

    private static final ThreadLocal<Binary.Writer> WRITERS = ThreadLocal.withInitial(() -> new Binary.Writer(1024));
    /**
     * The field-name lists already written in the value being encoded (by identity: the rows of one table share one
     * list): a row repeats a list as its index instead of its names.
     */
    private static final ThreadLocal<java.util.IdentityHashMap<List<String>, Integer>> WRITTEN_NAMES =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);
    /** The field-name lists read so far in the value being decoded, by index. */
    private static final ThreadLocal<List<List<String>>> READ_NAMES = ThreadLocal.withInitial(ArrayList::new);
    /**
     * Field-name lists as written ({@code -2}, count, names), by list: a table's rows share one list, so encoding it
     * is one copy. Bounded by the tables of the running specs.
     */
    private static final java.util.concurrent.ConcurrentHashMap<List<String>, byte[]> ENCODED_NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** One shared list per distinct list of names read (their joined text → the list). */
    private static final java.util.concurrent.ConcurrentHashMap<String, List<String>> SHARED_NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private BinaryCodec() {
    }

    // ---------------------------------------------------------------------------------------------- aggregate

    static byte[] writeAggregate(Aggregate aggregate) {
        Binary.Writer out = WRITERS.get().reset();
        WRITTEN_NAMES.get().clear();
        out.writeByte(AGGREGATE_V2);
        writeKey(out, aggregate.key());
        writeRowValues(out, aggregate.root());
        writePosition(out, aggregate.rootPosition());
        out.writeInt(aggregate.parts().size());
        for (Map.Entry<String, Map<String, Aggregate.PartRow>> part : aggregate.parts().entrySet()) {
            out.writeString(part.getKey());
            out.writeInt(part.getValue().size());
            for (Map.Entry<String, Aggregate.PartRow> row : part.getValue().entrySet()) {
                out.writeString(row.getKey());
                writeRowValues(out, row.getValue().values());
                writePosition(out, row.getValue().position());
            }
        }
        out.writeInt(aggregate.references().size());
        for (Map.Entry<String, String> reference : aggregate.references().entrySet()) {
            out.writeString(reference.getKey());
            out.writeString(reference.getValue());
        }
        Aggregate.Published published = aggregate.published();
        out.writeBoolean(published != null);
        if (published != null) {
            writeState(out, published.state(), aggregate.root());
            writePosition(out, published.position());
            out.writeString(published.lastEventId());
        }
        return out.toByteArray();
    }

    static Aggregate readAggregate(byte[] data) {
        Binary.Reader in = new Binary.Reader(data, 0);
        READ_NAMES.get().clear();
        int format = in.readByte();
        if (format != AGGREGATE_V2) {
            throw new IllegalArgumentException("unknown aggregate format " + format + " (format 1 is the state of a "
                    + "build before the generic engine: reset the layer's application)");
        }
        AggregateKey key = readKey(in);
        FieldValues root = readRowValues(in);
        SourcePosition rootPosition = readPosition(in);
        int partCount = in.readInt();
        Map<String, Map<String, Aggregate.PartRow>> parts = new LinkedHashMap<>();
        for (int p = 0; p < partCount; p++) {
            String name = in.readString();
            int rowCount = in.readInt();
            Map<String, Aggregate.PartRow> rows = new LinkedHashMap<>(Math.max(4, rowCount * 2));
            for (int r = 0; r < rowCount; r++) {
                String rowKey = in.readString();
                FieldValues values = readRowValues(in);
                rows.put(rowKey, new Aggregate.PartRow(values, readPosition(in)));
            }
            parts.put(name, rows);
        }
        int referenceCount = in.readInt();
        Map<String, String> references = new LinkedHashMap<>();
        for (int i = 0; i < referenceCount; i++) {
            references.put(in.readString(), in.readString());
        }
        Aggregate.Published published = null;
        if (in.readBoolean()) {
            AggregateState state = readState(in, root);
            SourcePosition position = readPosition(in);
            published = new Aggregate.Published(state, position, in.readString());
        }
        return new Aggregate(key, root, rootPosition, parts, references, published);
    }

    static void writeKey(Binary.Writer out, AggregateKey key) {
        out.writeString(key.text());
        out.writeInt(key.values().size());
        for (Object value : key.values()) {
            writeValue(out, value);
        }
    }

    static AggregateKey readKey(Binary.Reader in) {
        String text = in.readString();
        int size = in.readInt();
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readValue(in));
        }
        return new AggregateKey(values, text);
    }

    /** A published state; its root row as {@link #SAME_AS_ROOT} when it is the aggregate's own (the usual case). */
    private static void writeState(Binary.Writer out, AggregateState state, FieldValues aggregateRoot) {
        out.writeBoolean(state != null);
        if (state == null) {
            return;
        }
        if (state.root() == aggregateRoot || state.root().equals(aggregateRoot)) {
            out.writeInt(SAME_AS_ROOT);
        } else {
            writeRowValues(out, state.root());
        }
        out.writeInt(state.parts().size());
        for (Map.Entry<String, Object> part : state.parts().entrySet()) {
            out.writeString(part.getKey());
            writeValue(out, part.getValue());
        }
    }

    private static AggregateState readState(Binary.Reader in, FieldValues aggregateRoot) {
        if (!in.readBoolean()) {
            return null;
        }
        FieldValues root = readRowValuesOr(in, aggregateRoot);
        int count = in.readInt();
        Map<String, Object> parts = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            parts.put(in.readString(), readValue(in));
        }
        return new AggregateState(root, parts);
    }

    /**
     * A row: {@code -1} for none; else the index of its names in the value's name table, or {@code -2} and the names
     * (which become the next index); then its values.
     */
    private static void writeRowValues(Binary.Writer out, FieldValues row) {
        if (row == null) {
            out.writeInt(-1);
            return;
        }
        java.util.IdentityHashMap<List<String>, Integer> written = WRITTEN_NAMES.get();
        Integer index = written.get(row.names());
        if (index != null) {
            out.writeInt(index);
        } else {
            written.put(row.names(), written.size());
            out.writeRaw(ENCODED_NAMES.computeIfAbsent(row.names(), BinaryCodec::encodeNames));
        }
        for (int i = 0; i < row.size(); i++) {
            writeValue(out, row.value(i));
        }
    }

    /** A row, or {@code same} where the writer wrote {@link #SAME_AS_ROOT}. */
    private static FieldValues readRowValuesOr(Binary.Reader in, FieldValues same) {
        return readRow(in, in.readInt(), same);
    }

    private static FieldValues readRowValues(Binary.Reader in) {
        return readRow(in, in.readInt(), null);
    }

    private static FieldValues readRow(Binary.Reader in, int index, FieldValues same) {
        if (index == SAME_AS_ROOT) {
            return same;
        }
        if (index == -1) {
            return null;
        }
        List<List<String>> table = READ_NAMES.get();
        List<String> names;
        if (index == -2) {
            int size = in.readInt();
            String[] read = new String[size];
            for (int i = 0; i < size; i++) {
                read[i] = in.readString();
            }
            names = SHARED_NAMES.computeIfAbsent(String.join("\u0000", read), joined -> List.of(read));
            table.add(names);
        } else {
            names = table.get(index);
        }
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = readValue(in);
        }
        return FieldValues.restore(names, values);
    }

    private static byte[] encodeNames(List<String> names) {
        Binary.Writer out = new Binary.Writer(16 + names.size() * 16);
        out.writeInt(-2).writeInt(names.size());
        names.forEach(out::writeString);
        return out.toByteArray();
    }

    /** One value of any type a row, a field or a part holds, tagged. */
    static void writeValue(Binary.Writer out, Object value) {
        switch (value) {
            case null -> out.writeByte(NULL);
            case Long l -> out.writeByte(LONG).writeLong(l);
            case String s -> out.writeByte(STRING).writeString(s);
            case Boolean b -> out.writeByte(b ? TRUE : FALSE);
            case BigInteger big -> out.writeByte(BIG_INTEGER).writeString(big.toString());
            case BigDecimal decimal -> out.writeByte(BIG_DECIMAL).writeString(decimal.toString());
            case Double d -> out.writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(d));
            case LocalDate d -> out.writeByte(DATE).writeLong(d.toEpochDay());
            case LocalTime t -> out.writeByte(TIME).writeLong(t.toNanoOfDay());
            case LocalDateTime t -> out.writeByte(LOCAL_DATE_TIME).writeLong(t.toEpochSecond(ZoneOffset.UTC))
                    .writeInt(t.getNano());
            case Instant i -> out.writeByte(INSTANT).writeLong(i.getEpochSecond()).writeInt(i.getNano());
            case UUID u -> out.writeByte(UUID_VALUE).writeLong(u.getMostSignificantBits())
                    .writeLong(u.getLeastSignificantBits());
            case FieldType.JsonText j -> out.writeByte(JSON).writeString(j.json());
            case FieldType.Bytes b -> out.writeByte(BYTES).writeBytes(b.bytes());
            case FieldValues row -> {
                out.writeByte(ROW);
                writeRowValues(out, row);
            }
            case List<?> items -> {
                out.writeByte(LIST).writeInt(items.size());
                for (Object item : items) {
                    writeValue(out, item);
                }
            }
            default -> throw new IllegalArgumentException("a value of type " + value.getClass().getName()
                    + " cannot be stored (a custom converter must return a type of FieldType)");
        }
    }

    static Object readValue(Binary.Reader in) {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case STRING -> in.readString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case BIG_INTEGER -> new BigInteger(in.readString());
            case BIG_DECIMAL -> new BigDecimal(in.readString());
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case LOCAL_DATE_TIME -> LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC);
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case UUID_VALUE -> new UUID(in.readLong(), in.readLong());
            case JSON -> new FieldType.JsonText(in.readString());
            case BYTES -> new FieldType.Bytes(in.readBytes());
            case ROW -> readRowValues(in);
            case LIST -> {
                int size = in.readInt();
                List<Object> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(readValue(in));
                }
                yield Collections.unmodifiableList(items);
            }
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
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
            writeValue(out, row.value(column));
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
            values.put(column, readValue(in));
        }
        return Row.adopt(values);
    }
}
