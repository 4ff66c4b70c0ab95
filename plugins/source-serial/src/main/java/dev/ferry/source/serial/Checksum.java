package dev.ferry.source.serial;

/** The check at the end of a binary frame; written {@code none}, {@code xor} or {@code crc16-modbus}. */
public enum Checksum {
    NONE(0),
    /** One byte: all covered bytes XORed together. */
    XOR(1),
    /** Two bytes, low byte first: CRC-16/MODBUS (polynomial 0xA001 reflected, initial 0xFFFF). */
    CRC16_MODBUS(2);

    private final int width;

    Checksum(int width) {
        this.width = width;
    }

    /** Bytes the checksum takes at the end of the frame. */
    public int width() {
        return width;
    }
}
