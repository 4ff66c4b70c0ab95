package dev.ferry.source.modbus;

import dev.ferry.api.ConfigProblem;
import java.util.List;

/** The checks of one point on its own: address, type against table, and the keys each type needs or refuses. */
final class PointCheck {

    private PointCheck() {}

    static void check(PointConfig point, String at, int maxRegisters, List<ConfigProblem> problems) {
        DataType type = point.typeOrDefault();
        ModbusConfigCheck.range(problems, at + "address", point.address(), 0, ModbusConfigCheck.LAST_ADDRESS, "");
        if (point.table().holdsBits()) {
            checkBitPoint(point, type, at, problems);
        } else {
            checkRegisterPoint(point, type, at, maxRegisters, problems);
        }
        if (!type.numeric() && point.scaled()) {
            String key = point.scale() != 1 ? "scale" : "offset";
            problems.add(new ConfigProblem(at + key, "only numbers can be scaled; a " + type.written()
                    + " reading cannot, so leave " + key + " out"));
        }
        if (point.scale() == 0) {
            problems.add(new ConfigProblem(at + "scale", "must not be 0; every reading would be the offset"));
        }
        int width = point.width();
        if (width > 0 && point.address() >= 0 && point.address() <= ModbusConfigCheck.LAST_ADDRESS
                && point.address() + width - 1 > ModbusConfigCheck.LAST_ADDRESS) {
            problems.add(new ConfigProblem(at + "address", "a " + type.written() + " at " + point.address() + " needs "
                    + point.table().plural() + " " + point.address() + ".." + (point.address() + width - 1)
                    + ", past the last address " + ModbusConfigCheck.LAST_ADDRESS));
        }
    }

    private static void checkBitPoint(PointConfig point, DataType type, String at, List<ConfigProblem> problems) {
        String table = point.table().plural();
        if (type != DataType.BOOL) {
            problems.add(new ConfigProblem(at + "type", table + " hold single bits, so the type must be bool, was "
                    + type.written()));
        }
        if (point.bit() != null) {
            problems.add(new ConfigProblem(at + "bit", "only for type bool on holding or input registers; " + table
                    + " are single bits already"));
        }
        if (point.length() != null) {
            problems.add(new ConfigProblem(at + "length", "only for type string on holding or input registers"));
        }
        if (point.byteOrder() != Order.BIG || point.wordOrder() != Order.BIG) {
            String key = point.byteOrder() != Order.BIG ? "byte_order" : "word_order";
            problems.add(new ConfigProblem(at + key, "has no meaning for " + table + "; leave it out"));
        }
    }

    private static void checkRegisterPoint(PointConfig point, DataType type, String at, int maxRegisters,
            List<ConfigProblem> problems) {
        String table = point.table().plural();
        if (type == DataType.BOOL) {
            if (point.bit() == null) {
                problems.add(new ConfigProblem(at + "type", "type bool on " + table + " needs a bit index: add bit: 0 to 15 "
                        + "(0 is the least significant bit), or read the register as uint16"));
            } else if (point.bit() < 0 || point.bit() > 15) {
                problems.add(new ConfigProblem(at + "bit", "must be between 0 and 15, was " + point.bit()));
            }
        } else if (point.bit() != null) {
            problems.add(new ConfigProblem(at + "bit", "only for type bool, was given for " + type.written()));
        }
        if (type == DataType.STRING) {
            if (point.length() == null) {
                problems.add(new ConfigProblem(at + "type", "type string needs length: the number of registers the text "
                        + "occupies, two characters each"));
            } else {
                ModbusConfigCheck.range(problems, at + "length", point.length(), 1, maxRegisters,
                        maxRegisters == ModbusConfig.REGISTER_LIMIT ? "; one read returns at most 125 registers"
                                : "; max_registers_per_read is " + maxRegisters);
            }
        } else if (point.length() != null) {
            problems.add(new ConfigProblem(at + "length", "only for type string, was given for " + type.written()));
        }
        if (point.wordOrder() == Order.LITTLE && type.registers() < 2) {
            problems.add(new ConfigProblem(at + "word_order", "only for 32- and 64-bit types; a " + type.written()
                    + (type == DataType.STRING ? " is read register by register" : " is a single register")
                    + ", so leave it out"));
        }
    }
}
