package dev.ferry.source.modbus;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Positive;
import java.time.Duration;
import java.util.List;

/** The keys of a {@code type: modbus} source: one device, reached over TCP or RTU, and its register map. */
public record ModbusConfig(
        @Doc("Reach the device over Modbus TCP; give either tcp or rtu.") @Nullable TcpConfig tcp,
        @Doc("Reach the device over Modbus RTU on a serial line; give either tcp or rtu.") @Nullable RtuConfig rtu,
        @Doc("Unit (slave) id of the device: 0 to 255 over TCP, 1 to 247 over RTU.") @Default("1") int unitId,
        @Doc("The source's common timeout: a read of the device, connecting included, must be done by then.")
                @Default("5s") @Positive Duration timeout,
        @Doc("Largest run of unused registers (or bits) one read may span to merge two points into one request.")
                @Default("0") int mergeGap,
        @Doc("Most registers one request may read: 1 to 125.") @Default("125") int maxRegistersPerRead,
        @Doc("Most coils or discrete inputs one request may read: 1 to 2000.") @Default("2000") int maxBitsPerRead,
        @Doc("The register map: the points to read at each poll.") List<PointConfig> points) {

    /** The protocol's limits per read request. */
    public static final int REGISTER_LIMIT = 125;
    public static final int BIT_LIMIT = 2000;

    public ModbusConfig {
        points = List.copyOf(points);
    }
}
