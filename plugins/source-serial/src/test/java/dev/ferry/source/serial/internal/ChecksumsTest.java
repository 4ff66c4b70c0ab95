package dev.ferry.source.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The checksums against published vectors. */
class ChecksumsTest {

    @Test
    void crc16ModbusMatchesTheCatalogueCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Checksums.crc16Modbus(check, 0, check.length)).isEqualTo(0x4B37);
    }

    @Test
    void crc16ModbusMatchesModbusRtuRequests() {
        // Read holding registers 0..9 of unit 1: sent as 01 03 00 00 00 0A C5 CD (CRC low byte first).
        assertThat(Checksums.crc16Modbus(HexFormat.of().parseHex("01030000000A"), 0, 6)).isEqualTo(0xCDC5);
        assertThat(Checksums.crc16Modbus(HexFormat.of().parseHex("010400000001"), 0, 6)).isEqualTo(0xCA31);
        // offset and length select the covered bytes
        byte[] framed = HexFormat.of().parseHex("FF01030000000AEE");
        assertThat(Checksums.crc16Modbus(framed, 1, 6)).isEqualTo(0xCDC5);
    }

    @Test
    void crc16OfNothingIsTheInitialValue() {
        assertThat(Checksums.crc16Modbus(new byte[0], 0, 0)).isEqualTo(0xFFFF);
    }

    @Test
    void xorMatchesKnownValues() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Checksums.xor(check, 0, check.length)).isEqualTo(0x31);
        // the NMEA 0183 sentence $GPGLL,5057.970,N,00146.110,E,142451,A*27 checksums the text between $ and *
        byte[] nmea = "$GPGLL,5057.970,N,00146.110,E,142451,A*27".getBytes(StandardCharsets.US_ASCII);
        assertThat(Checksums.xor(nmea, 1, nmea.length - 4)).isEqualTo(0x27);
        assertThat(Checksums.xor(new byte[] {(byte) 0xF0, (byte) 0x0F}, 0, 2)).isEqualTo(0xFF);
        assertThat(Checksums.xor(new byte[0], 0, 0)).isZero();
    }
}
