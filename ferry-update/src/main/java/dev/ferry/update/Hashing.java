package dev.ferry.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of what passes, as lowercase hex. */
final class Hashing {

    private Hashing() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies at most {@code limit} bytes of {@code in} to {@code out}; returns the count and the hash. */
    static Copied copy(InputStream in, OutputStream out, long limit) throws IOException {
        MessageDigest digest = sha256();
        DigestInputStream hashed = new DigestInputStream(in, digest);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; total < limit && (n = hashed.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return new Copied(total, hex(digest), hashed.read() >= 0);
    }

    /** @param more true when the stream had more than the limit */
    record Copied(long size, String sha256, boolean more) {}
}
