package dev.ferry.source.modbus;

/** Byte order within a register, or word (register) order within a multi-register value. */
public enum Order {
    /** Most significant first: the Modbus default. */
    BIG,
    /** Least significant first. */
    LITTLE
}
