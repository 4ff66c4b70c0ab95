package dev.ferry.source.modbus;

/** The parity bit of a serial line. */
public enum Parity {
    NONE,
    EVEN,
    ODD
}
