package dev.ferry.source.modbus.internal;

import dev.ferry.api.Value;
import dev.ferry.source.modbus.DataType;
import dev.ferry.source.modbus.Order;
import dev.ferry.source.modbus.PointConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns the registers (or bits) of a point into its value. Registers arrive as on the wire, each big-endian; the
 * point's byte order swaps the bytes within each register and its word order reverses the registers, giving the
 * value's bytes most significant first: ABCD (big, big), CDAB (big, little), BADC (little, big), DCBA (little,
 * little) for a 32-bit value whose most significant byte is A.
 */
public final class PointDecoder {

    private PointDecoder() {}

    /** The value of a register point whose first register is {@code offset} registers into {@code registers}. */
    public static Value fromRegisters(PointConfig point, byte[] registers, int offset) {
        byte[] bytes = canonical(registers, offset, point.width(), point.byteOrder(), point.wordOrder());
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        DataType type = point.typeOrDefault();
        return switch (type) {
            case INT16 -> number(point, buffer.getShort());
            case UINT16 -> number(point, Short.toUnsignedInt(buffer.getShort()));
            case INT32 -> number(point, buffer.getInt());
            case UINT32 -> number(point, Integer.toUnsignedLong(buffer.getInt()));
            case INT64 -> number(point, buffer.getLong());
            case FLOAT32 -> number(point, shortestDouble(buffer.getFloat()));
            case FLOAT64 -> number(point, buffer.getDouble());
            case BOOL -> Value.of((Short.toUnsignedInt(buffer.getShort()) >> point.bit() & 1) == 1);
            case STRING -> Value.of(text(bytes));
        };
    }

    /** The value of a coil or discrete input {@code offset} bits into {@code bits}, packed least significant first. */
    public static Value fromBits(byte[] bits, int offset) {
        return Value.of((bits[offset / 8] >> (offset % 8) & 1) == 1);
    }

    static byte[] canonical(byte[] registers, int offset, int count, Order byteOrder, Order wordOrder) {
        byte[] bytes = new byte[count * 2];
        for (int r = 0; r < count; r++) {
            int from = (offset + (wordOrder == Order.LITTLE ? count - 1 - r : r)) * 2;
            boolean swap = byteOrder == Order.LITTLE;
            bytes[r * 2] = registers[from + (swap ? 1 : 0)];
            bytes[r * 2 + 1] = registers[from + (swap ? 0 : 1)];
        }
        return bytes;
    }

    private static Value number(PointConfig point, long raw) {
        return point.scaled() ? Value.of(scale(point, raw)) : Value.of(raw);
    }

    private static Value number(PointConfig point, double raw) {
        return Value.of(point.scaled() ? scale(point, raw) : raw);
    }

    /**
     * {@code raw * scale + offset}. A scale such as 0.1 or 0.01 divides by 10 or 100 instead, so 2301 becomes
     * 230.1 and not 230.10000000000002.
     */
    static double scale(PointConfig point, double raw) {
        double inverse = 1 / point.scale();
        double whole = Math.rint(inverse);
        boolean divides = Math.abs(point.scale()) < 1 && Math.abs(inverse - whole) <= 1e-9 * Math.abs(inverse);
        double scaled = divides ? raw / whole : raw * point.scale();
        return scaled + point.offset();
    }

    /** A float32 widened to the double a person would write for it: 230.1f becomes 230.1, not 230.10000610351562. */
    private static double shortestDouble(float value) {
        return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
    }

    /** Text up to the first NUL, without trailing spaces, as devices pad fixed-size fields with either. */
    private static String text(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).stripTrailing();
    }
}
