package dev.ferry.source.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import dev.ferry.source.serial.FlowControl;
import dev.ferry.source.serial.Parity;

/** The config's line settings in jSerialComm's terms, and its error codes in words. */
final class LineSettings {

    private LineSettings() {}

    static int stopBits(double stopBits) {
        if (stopBits == 1.5) {
            return SerialPort.ONE_POINT_FIVE_STOP_BITS;
        }
        return stopBits == 2.0 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    static int parity(Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    static int flowControl(FlowControl flowControl) {
        return switch (flowControl) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }

    /** The usual reasons an open fails on Linux, from the errno jSerialComm reports. */
    static String describeError(int errno) {
        return switch (errno) {
            case 2, 6, 19 -> "no such device (errno " + errno + "); is it plugged in?";
            case 13 -> "permission denied (errno 13); add the agent's user to the group owning the device, "
                    + "usually dialout";
            case 16 -> "the port is in use by another program (errno 16)";
            default -> "errno " + errno;
        };
    }
}
