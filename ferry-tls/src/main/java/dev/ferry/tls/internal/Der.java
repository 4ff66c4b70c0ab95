package dev.ferry.tls.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER to recognise a key's algorithm and to wrap the traditional OpenSSL key formats (SEC1, PKCS#1)
 * in PKCS#8, which is what the JDK's {@code KeyFactory} reads.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One element: its tag and its content bytes. */
    record Element(int tag, byte[] content) {

        /** The elements inside a constructed element such as a SEQUENCE or an explicit tag. */
        List<Element> children() {
            List<Element> children = new ArrayList<>();
            int[] position = {0};
            while (position[0] < content.length) {
                children.add(read(content, position));
            }
            return children;
        }

        byte[] encoded() {
            return Der.encode(tag, content);
        }
    }

    private Der() {}

    /** Reads the single element that makes up {@code der}; throws {@link IllegalArgumentException} on malformed input. */
    static Element parse(byte[] der) {
        int[] position = {0};
        Element element = read(der, position);
        if (position[0] != der.length) {
            throw new IllegalArgumentException("trailing bytes after DER element");
        }
        return element;
    }

    private static Element read(byte[] der, int[] position) {
        int p = position[0];
        require(p + 2 <= der.length);
        int tag = der[p++] & 0xff;
        int length = der[p++] & 0xff;
        if (length >= 0x80) {
            int octets = length & 0x7f;
            require(octets >= 1 && octets <= 3 && p + octets <= der.length);
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[p++] & 0xff);
            }
        }
        require(p + length <= der.length);
        position[0] = p + length;
        return new Element(tag, Arrays.copyOfRange(der, p, p + length));
    }

    private static void require(boolean wellFormed) {
        if (!wellFormed) {
            throw new IllegalArgumentException("malformed DER");
        }
    }

    static byte[] encode(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... encodedElements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] element : encodedElements) {
            content.writeBytes(element);
        }
        return encode(SEQUENCE, content.toByteArray());
    }

    /** An OBJECT IDENTIFIER's content bytes as dotted text, e.g. {@code 1.2.840.10045.2.1}. */
    static String oidText(byte[] content) {
        StringBuilder text = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : content) {
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    int arc = (int) Math.min(value / 40, 2);
                    text.append(arc).append('.').append(value - 40L * arc);
                    first = false;
                } else {
                    text.append('.').append(value);
                }
                value = 0;
            }
        }
        return text.toString();
    }

    /** The content bytes of an OBJECT IDENTIFIER written in dotted text. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return out.toByteArray();
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int seven = (int) ((value >>> (7 * i)) & 0x7f);
            out.write(i == 0 ? seven : seven | 0x80);
        }
    }
}
