package dev.ferry.source.modbus;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import java.util.Map;

/** One value read from the device: where it lives, how its registers are read, and the reading it becomes. */
public record PointConfig(
        @Doc("Metric name of the point's readings; unique within the source.") String name,
        @Doc("Data table: holding, input, coil or discrete-input.") @Default("holding") Table table,
        @Doc("Address of the (first) register or bit, 0 to 65535, as on the wire (zero-based).") int address,
        @Doc("int16, uint16, int32, uint32, int64, float32, float64, bool or string; bool for coils and discrete "
                + "inputs, uint16 for registers when left out.") @Nullable DataType type,
        @Doc("Byte order within each register: big (the Modbus default) or little.") @Default("big") Order byteOrder,
        @Doc("Register order of 32- and 64-bit values: big (most significant register first) or little.")
                @Default("big") Order wordOrder,
        @Doc("Registers a string occupies (two characters each), 1 to 125; required for type string only.")
                @Nullable Integer length,
        @Doc("Bit of the register, 0 (least significant) to 15, for type bool on holding or input registers.")
                @Nullable Integer bit,
        @Doc("Factor the raw number is multiplied by; the reading is then a floating-point number.") @Default("1") double scale,
        @Doc("Added after scale; the reading is then a floating-point number.") @Default("0") double offset,
        @Doc("Unit written on the readings, e.g. V, kWh, Cel; none when left out.") @Nullable String unit,
        @Doc("Labels added to this point's readings.") @Default("{}") Map<String, String> tags) {

    public PointConfig {
        tags = Map.copyOf(tags);
    }

    /** The configured type, or what the table holds when none is given. */
    public DataType typeOrDefault() {
        if (type != null) {
            return type;
        }
        return table.holdsBits() ? DataType.BOOL : DataType.UINT16;
    }

    /** How many registers (or bits) the point spans; 0 for a string without a length. */
    public int width() {
        if (table.holdsBits()) {
            return 1;
        }
        DataType resolved = typeOrDefault();
        return resolved == DataType.STRING ? (length == null ? 0 : length) : resolved.registers();
    }

    /** True when the raw value is transformed, which makes the reading a floating-point number. */
    public boolean scaled() {
        return scale != 1 || offset != 0;
    }

    public String unitOrNone() {
        return unit == null ? "" : unit;
    }
}
