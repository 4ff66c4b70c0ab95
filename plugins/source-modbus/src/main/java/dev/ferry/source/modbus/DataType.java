package dev.ferry.source.modbus;

import java.util.Locale;

/** How the registers (or the bit) of a point are read as a value. */
public enum DataType {
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    INT64(4),
    FLOAT32(2),
    FLOAT64(4),
    /** A coil or discrete input, or one bit of a register (then {@code bit} says which). */
    BOOL(1),
    /** Text of {@code length} registers, two characters each. */
    STRING(0);

    private final int registers;

    DataType(int registers) {
        this.registers = registers;
    }

    /** Registers a value of this type occupies; for {@link #STRING} the point's {@code length} decides. */
    public int registers() {
        return registers;
    }

    /** A number that {@code scale} and {@code offset} apply to. */
    public boolean numeric() {
        return this != BOOL && this != STRING;
    }

    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }
}
