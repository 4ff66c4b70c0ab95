package dev.ferry.source.modbus;

import java.util.Locale;

/** The four Modbus data tables; written in kebab-case in the config ({@code discrete-input}). */
public enum Table {
    /** Read/write 16-bit registers, function code 0x03. */
    HOLDING("holding registers", 0x03),
    /** Read-only 16-bit registers, function code 0x04. */
    INPUT("input registers", 0x04),
    /** Read/write single bits, function code 0x01. */
    COIL("coils", 0x01),
    /** Read-only single bits, function code 0x02. */
    DISCRETE_INPUT("discrete inputs", 0x02);

    private final String plural;
    private final int functionCode;

    Table(String plural, int functionCode) {
        this.plural = plural;
        this.functionCode = functionCode;
    }

    /** True for coils and discrete inputs, whose items are bits rather than 16-bit registers. */
    public boolean holdsBits() {
        return this == COIL || this == DISCRETE_INPUT;
    }

    /** How messages name the table: {@code holding registers}. */
    public String plural() {
        return plural;
    }

    public int functionCode() {
        return functionCode;
    }

    /** As written in the config: {@code discrete-input}. */
    public String written() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
