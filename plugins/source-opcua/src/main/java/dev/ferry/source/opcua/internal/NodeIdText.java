package dev.ferry.source.opcua.internal;

import java.util.Base64;
import java.util.UUID;

/**
 * A node id as written in the config, checked without the OPC UA stack (so a config can be validated without
 * loading it): {@code [ns=<index>;](i=<number>|s=<text>|g=<guid>|b=<base64>)}.
 *
 * @param namespace the namespace index, 0 to 65535
 * @param kind {@code i}, {@code s}, {@code g} or {@code b}
 * @param identifier the identifier as written after {@code <kind>=}
 */
public record NodeIdText(int namespace, char kind, String identifier) {

    private static final long MAX_NUMERIC = 0xFFFF_FFFFL;

    /** Parses {@code text}; the exception's message says what is wrong, for a config problem. */
    public static NodeIdText parse(String text) {
        String rest = text.strip();
        int namespace = 0;
        if (rest.startsWith("nsu=")) {
            throw new IllegalArgumentException("namespace URIs (nsu=) are not supported in \"" + text
                    + "\"; write the namespace index, e.g. ns=2;s=Boiler.Temperature");
        }
        if (rest.startsWith("ns=")) {
            int semicolon = rest.indexOf(';');
            if (semicolon < 0) {
                throw bad(text, "a ';' after the namespace index");
            }
            namespace = number(rest.substring(3, semicolon), 0xFFFF, text, "namespace index");
            rest = rest.substring(semicolon + 1);
        }
        if (rest.length() < 2 || rest.charAt(1) != '=') {
            throw bad(text, "i=, s=, g= or b= followed by the identifier");
        }
        char kind = rest.charAt(0);
        String identifier = rest.substring(2);
        switch (kind) {
            case 'i' -> number(identifier, MAX_NUMERIC, text, "numeric identifier");
            case 's' -> {
                if (identifier.isEmpty()) {
                    throw bad(text, "a string identifier after s=");
                }
            }
            case 'g' -> {
                try {
                    UUID.fromString(identifier);
                } catch (IllegalArgumentException e) {
                    throw bad(text, "a GUID after g=, like 72962b91-fa75-4ae6-8d28-b404dc7daf63");
                }
            }
            case 'b' -> {
                try {
                    Base64.getDecoder().decode(identifier);
                } catch (IllegalArgumentException e) {
                    throw bad(text, "base64 bytes after b=");
                }
            }
            default -> throw bad(text, "i=, s=, g= or b= followed by the identifier");
        }
        return new NodeIdText(namespace, kind, identifier);
    }

    /** The canonical text, as the OPC UA specification writes node ids. */
    @Override
    public String toString() {
        return (namespace == 0 ? "" : "ns=" + namespace + ";") + kind + "=" + identifier;
    }

    private static int number(String digits, long max, String text, String what) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            throw bad(text, "a whole number as the " + what);
        }
        long value = Long.parseLong(digits);
        if (value > max) {
            throw new IllegalArgumentException("the " + what + " of \"" + text + "\" must be at most " + max
                    + ", was " + value);
        }
        return (int) value;
    }

    private static IllegalArgumentException bad(String text, String expected) {
        return new IllegalArgumentException("\"" + text + "\" is not a node id: expected " + expected
                + " (e.g. ns=2;s=Boiler.Temperature, ns=2;i=1001, i=2258)");
    }
}
