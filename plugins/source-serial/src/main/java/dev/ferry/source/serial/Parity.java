package dev.ferry.source.serial;

/** The parity bit of each character on the line; written in kebab-case in the config. */
public enum Parity {
    NONE,
    EVEN,
    ODD,
    /** The parity bit is always 1. */
    MARK,
    /** The parity bit is always 0. */
    SPACE
}
