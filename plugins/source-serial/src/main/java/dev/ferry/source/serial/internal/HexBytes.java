package dev.ferry.source.serial.internal;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Bytes written in hex in the config: {@code AA}, {@code 0xAA}, {@code AA 55}, {@code 0xAA55}. */
public final class HexBytes {

    private HexBytes() {}

    /** Parses the forms above; throws {@link IllegalArgumentException} with a message fit for a config error. */
    public static byte[] parse(String text) {
        String digits = text.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        digits = digits.replace(" ", "").replace("0x", "").replace("0X", "");
        if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.chars().allMatch(HexBytes::isHexDigit)) {
            throw new IllegalArgumentException("must be bytes in hex, e.g. AA or \"AA 55\", was \"" + text + "\"");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < digits.length(); i += 2) {
            bytes.write(HexFormat.fromHexDigits(digits, i, i + 2));
        }
        return bytes.toByteArray();
    }

    private static boolean isHexDigit(int c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
