package dev.ferry.source.modbus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Short ways to write configs in tests. */
public final class Points {

    private Points() {}

    public static PointConfig point(String name, Table table, int address, DataType type) {
        return new PointConfig(name, table, address, type, Order.BIG, Order.BIG, null, null, 1, 0, null, Map.of());
    }

    public static PointConfig ordered(String name, int address, DataType type, Order byteOrder, Order wordOrder) {
        return new PointConfig(name, Table.HOLDING, address, type, byteOrder, wordOrder, null, null, 1, 0, null, Map.of());
    }

    public static PointConfig text(String name, int address, int length) {
        return new PointConfig(name, Table.HOLDING, address, DataType.STRING, Order.BIG, Order.BIG, length, null, 1, 0, null, Map.of());
    }

    public static PointConfig bit(String name, Table table, int address, int bit) {
        return new PointConfig(name, table, address, DataType.BOOL, Order.BIG, Order.BIG, null, bit, 1, 0, null, Map.of());
    }

    public static PointConfig scaled(String name, int address, DataType type, double scale, double offset, String unit) {
        return new PointConfig(name, Table.HOLDING, address, type, Order.BIG, Order.BIG, null, null, scale, offset, unit, Map.of());
    }

    public static ModbusConfig tcp(int port, List<PointConfig> points) {
        return new ModbusConfig(new TcpConfig("127.0.0.1", port), null, 1, Duration.ofSeconds(2), 0, 125, 2000, points);
    }
}
