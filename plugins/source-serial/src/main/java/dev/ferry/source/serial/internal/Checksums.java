package dev.ferry.source.serial.internal;

/** The two checksums binary frames use. */
public final class Checksums {

    private static final int[] CRC16_MODBUS = crc16Table(0xA001);

    private Checksums() {}

    /**
     * CRC-16/MODBUS of {@code length} bytes from {@code offset}: reflected polynomial 0xA001 (0x8005), initial
     * value 0xFFFF, no final XOR. On the wire the low byte comes first.
     */
    public static int crc16Modbus(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ CRC16_MODBUS[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** All {@code length} bytes from {@code offset} XORed together (the "XOR checksum", or LRC of NMEA-style devices). */
    public static int xor(byte[] data, int offset, int length) {
        int x = 0;
        for (int i = offset; i < offset + length; i++) {
            x ^= data[i];
        }
        return x & 0xFF;
    }

    private static int[] crc16Table(int reflectedPolynomial) {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int crc = n;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflectedPolynomial : crc >>> 1;
            }
            table[n] = crc;
        }
        return table;
    }
}
