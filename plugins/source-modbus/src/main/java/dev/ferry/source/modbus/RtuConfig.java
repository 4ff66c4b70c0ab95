package dev.ferry.source.modbus;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;

/** Modbus RTU over a serial line (RS-485 or RS-232). */
public record RtuConfig(
        @Doc("Serial device path, e.g. /dev/ttyUSB0 or a stable /dev/serial/by-id/... link; relative paths resolve "
                + "against the config file's directory.") String port,
        @Doc("Line speed in bit/s.") @Default("9600") int baud,
        @Doc("Data bits per character: 5 to 8.") @Default("8") int dataBits,
        @Doc("Parity: none, even or odd.") @Default("none") Parity parity,
        @Doc("Stop bits: 1 or 2.") @Default("1") int stopBits) {}
