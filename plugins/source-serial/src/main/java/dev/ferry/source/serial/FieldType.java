package dev.ferry.source.serial;

/**
 * What a field holds. The first four are for ASCII formats, the rest for binary payloads; written in kebab-case
 * ({@code number}, {@code uint16}).
 */
public enum FieldType {
    /** A decimal number; the reading is a floating-point value. */
    NUMBER(0),
    /** A whole decimal number; the reading is a whole number unless scaled. */
    INTEGER(0),
    /** {@code 1/0}, {@code true/false}, {@code on/off}, {@code yes/no} (any case). */
    BOOL(0),
    /** The text as sent, trimmed. */
    TEXT(0),
    INT8(1),
    UINT8(1),
    INT16(2),
    UINT16(2),
    INT32(4),
    UINT32(4),
    /** IEEE 754 single precision. */
    FLOAT32(4);

    private final int width;

    FieldType(int width) {
        this.width = width;
    }

    /** Bytes the field takes in a binary payload; 0 for the ASCII types. */
    public int width() {
        return width;
    }

    public boolean binary() {
        return width > 0;
    }
}
