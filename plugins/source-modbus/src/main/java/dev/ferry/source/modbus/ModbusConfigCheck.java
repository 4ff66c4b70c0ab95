package dev.ferry.source.modbus;

import dev.ferry.api.ConfigProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks of a Modbus source's config that binding alone cannot make; keys are relative to the source. */
final class ModbusConfigCheck {

    static final int LAST_ADDRESS = 65535;

    private ModbusConfigCheck() {}

    static List<ConfigProblem> problems(ModbusConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        checkTransport(config, problems);
        if (!config.timeout().isPositive()) {
            problems.add(new ConfigProblem("timeout", "must be > 0, was " + config.timeout()));
        }
        if (config.mergeGap() < 0) {
            problems.add(new ConfigProblem("merge_gap", "must be >= 0, was " + config.mergeGap()));
        }
        range(problems, "max_registers_per_read", config.maxRegistersPerRead(), 1, ModbusConfig.REGISTER_LIMIT,
                "; the protocol allows at most 125 registers per read");
        range(problems, "max_bits_per_read", config.maxBitsPerRead(), 1, ModbusConfig.BIT_LIMIT,
                "; the protocol allows at most 2000 coils or discrete inputs per read");
        if (config.points().isEmpty()) {
            problems.add(new ConfigProblem("points", "at least one point is required; list the registers to read"));
        }
        Set<String> names = new HashSet<>();
        List<Integer> placed = new ArrayList<>();
        for (int i = 0; i < config.points().size(); i++) {
            PointConfig point = config.points().get(i);
            String at = "points." + i + ".";
            if (point.name().isBlank()) {
                problems.add(new ConfigProblem(at + "name", "must not be empty; it is the metric name of the readings"));
            } else if (!names.add(point.name())) {
                problems.add(new ConfigProblem(at + "name", "duplicate point name \"" + point.name()
                        + "\"; each point needs its own name, as it becomes the metric name"));
            }
            int before = problems.size();
            PointCheck.check(point, at, config.maxRegistersPerRead(), problems);
            if (problems.size() == before) {
                placed.add(i);
            }
        }
        PointOverlap.check(config.points(), placed, problems);
        return problems;
    }

    private static void checkTransport(ModbusConfig config, List<ConfigProblem> problems) {
        if (config.tcp() == null && config.rtu() == null) {
            problems.add(new ConfigProblem("tcp", "say how to reach the device: a tcp section (host, port) or an rtu "
                    + "section (port, baud, data_bits, parity, stop_bits)"));
        } else if (config.tcp() != null && config.rtu() != null) {
            problems.add(new ConfigProblem("rtu", "give either a tcp or an rtu section, not both; one source reads one device"));
        }
        if (config.tcp() != null) {
            if (config.tcp().host().isBlank()) {
                problems.add(new ConfigProblem("tcp.host", "must not be empty; give the device's host name or IP address"));
            }
            range(problems, "tcp.port", config.tcp().port(), 1, 65535, "");
            range(problems, "unit_id", config.unitId(), 0, 255, "");
        }
        if (config.rtu() != null) {
            RtuConfig rtu = config.rtu();
            if (rtu.port().isBlank()) {
                problems.add(new ConfigProblem("rtu.port", "must not be empty; give the serial device, e.g. /dev/ttyUSB0"));
            }
            if (rtu.baud() <= 0) {
                problems.add(new ConfigProblem("rtu.baud", "must be > 0, was " + rtu.baud()));
            }
            range(problems, "rtu.data_bits", rtu.dataBits(), 5, 8, "");
            if (rtu.stopBits() != 1 && rtu.stopBits() != 2) {
                problems.add(new ConfigProblem("rtu.stop_bits", "must be 1 or 2, was " + rtu.stopBits()));
            }
            range(problems, "unit_id", config.unitId(), 1, 247, "; on a serial line 0 is broadcast, which no device answers");
        }
    }

    static void range(List<ConfigProblem> problems, String key, int value, int min, int max, String why) {
        if (value < min || value > max) {
            problems.add(new ConfigProblem(key, "must be between " + min + " and " + max + ", was " + value + why));
        }
    }
}
