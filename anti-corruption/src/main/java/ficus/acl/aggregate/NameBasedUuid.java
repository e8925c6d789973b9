package ficus.acl.aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * {@link UUID#nameUUIDFromBytes} of a name's UTF-8 bytes — the same version 3 (MD5) UUID, bit for bit — with one MD5
 * digest per thread instead of a {@code MessageDigest.getInstance} per id: event ids are made for every event, and the
 * provider lookup cost more than the hash.
 */
public final class NameBasedUuid {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e); // as UUID.nameUUIDFromBytes
        }
    });

    private NameBasedUuid() {
    }

    public static UUID of(String name) {
        byte[] hash = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8)); // digest() also resets the digest
        hash[6] &= 0x0f; // clear version
        hash[6] |= 0x30; // version 3
        hash[8] &= 0x3f; // clear variant
        hash[8] |= (byte) 0x80; // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (hash[i] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
