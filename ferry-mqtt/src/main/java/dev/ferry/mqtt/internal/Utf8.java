package dev.ferry.mqtt.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * MQTT's rules for UTF-8 strings: well-formed (no lone surrogates), no U+0000, at most 65,535 bytes encoded.
 * The JDK's encoders would silently replace a bad character, so strings are checked here instead.
 */
public final class Utf8 {

    public static final int MAX_BYTES = 0xFFFF;

    private Utf8() {}

    /** Checks an outgoing string; {@code what} names it in the message. Returns its encoded length. */
    public static int check(String s, String what) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(what + " must not contain U+0000, was '" + printable(s) + "'");
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " holds an unpaired surrogate at index " + i + ", was '" + printable(s) + "'");
            } else {
                length += 3;
            }
        }
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException(what + " must be at most 65535 bytes in UTF-8, was " + length + " bytes");
        }
        return length;
    }

    /** Decodes a received string strictly: malformed UTF-8 or U+0000 make the packet malformed. */
    static String decode(byte[] bytes, int offset, int length, String what) throws MalformedPacketException {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                throw MalformedPacketException.malformed(what + " contains U+0000");
            }
            ascii &= b > 0;
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1); // the fast path for topics and ids
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw MalformedPacketException.malformed(what + " is not well-formed UTF-8");
        }
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return shown.replace("\0", "\\u0000");
    }
}
