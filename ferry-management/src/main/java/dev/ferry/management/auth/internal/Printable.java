package dev.ferry.management.auth.internal;

/**
 * Makes a value taken from a request (a claim, an algorithm name) fit a one-line reason: control characters
 * would let a client forge log lines, and a long value would flood them.
 */
final class Printable {

    private static final int MAX_LENGTH = 64;

    private Printable() {}

    static String quote(String value) {
        return "\"" + clean(value) + "\"";
    }

    static String clean(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 3);
        for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return value.length() > MAX_LENGTH ? out.append("...").toString() : out.toString();
    }
}
