package dev.ferry.source.serial.internal;

import java.util.HexFormat;

/** Frames quoted in messages: short, and with control bytes made visible. */
final class Printable {

    private static final int MAX = 60;

    private Printable() {}

    /** The line in quotes, at most 60 characters, control characters as {@code \xNN}. */
    static String line(String line) {
        StringBuilder out = new StringBuilder(Math.min(line.length(), MAX) + 8).append('"');
        for (int i = 0; i < line.length() && i < MAX; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                out.append("\\x").append(HexFormat.of().toHexDigits((byte) c).toUpperCase());
            } else {
                out.append(c);
            }
        }
        out.append('"');
        return line.length() > MAX ? out.append("...").toString() : out.toString();
    }

    /** Up to 16 bytes in hex, e.g. {@code AA 03 01 02 03}. */
    static String bytes(byte[] data, int offset, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length && i < 16; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(HexFormat.of().withUpperCase().toHexDigits(data[offset + i]));
        }
        return length > 16 ? out.append(" ...").toString() : out.toString();
    }
}
