package ficus.acl.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The layer's compact binary encoding (store values, the repartition envelope): big-endian fixed-width numbers, and
 * strings as a length (-1 for {@code null}) followed by UTF-8 bytes. Deliberately tiny: no reflection, no per-field
 * names, one growable array per value.
 */
final class Binary {

    private Binary() {
    }

    /** A growable output buffer. Not thread-safe; a serializer may reuse one per thread. */
    static final class Writer {
        private byte[] buffer;
        private int size;

        Writer(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        Writer reset() {
            size = 0;
            return this;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        Writer writeByte(int value) {
            ensure(1);
            buffer[size++] = (byte) value;
            return this;
        }

        Writer writeBoolean(boolean value) {
            return writeByte(value ? 1 : 0);
        }

        Writer writeInt(int value) {
            ensure(4);
            buffer[size++] = (byte) (value >>> 24);
            buffer[size++] = (byte) (value >>> 16);
            buffer[size++] = (byte) (value >>> 8);
            buffer[size++] = (byte) value;
            return this;
        }

        Writer writeLong(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
            return this;
        }

        /** Length-prefixed bytes; {@code null} is length -1. */
        Writer writeBytes(byte[] bytes) {
            if (bytes == null) {
                return writeInt(-1);
            }
            writeInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            return this;
        }

        /** Length-prefixed UTF-8; {@code null} is length -1. */
        Writer writeString(String value) {
            return writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        /** Bytes as they are, no length (a pre-encoded part of a value). */
        Writer writeRaw(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** Reads what a {@link Writer} wrote; throws {@link IllegalArgumentException} on truncated input. */
    static final class Reader {
        private final byte[] data;
        private int position;

        Reader(byte[] data, int offset) {
            this.data = data;
            this.position = offset;
        }

        private void need(int bytes) {
            if (bytes < 0 || position + bytes > data.length) {
                throw new IllegalArgumentException("truncated binary value (" + data.length + " bytes, need "
                        + bytes + " more at " + position + ")");
            }
        }

        int readByte() {
            need(1);
            return data[position++];
        }

        boolean readBoolean() {
            return readByte() != 0;
        }

        int readInt() {
            need(4);
            int value = ((data[position] & 0xFF) << 24) | ((data[position + 1] & 0xFF) << 16)
                    | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        long readLong() {
            need(8);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (data[position + i] & 0xFFL);
            }
            position += 8;
            return value;
        }

        byte[] readBytes() {
            int length = readInt();
            if (length == -1) {
                return null;
            }
            need(length);
            byte[] bytes = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return bytes;
        }

        String readString() {
            int length = readInt();
            if (length == -1) {
                return null;
            }
            need(length);
            String value = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        boolean atEnd() {
            return position == data.length;
        }
    }
}
