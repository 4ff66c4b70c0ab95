package dev.ferry.source.serial;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;

/**
 * The layout of a binary frame: {@code [start bytes][length byte, if length_byte][payload][checksum]}. The checksum
 * covers every byte before it, start bytes included.
 */
public record BinaryFrameConfig(
        @Doc("The bytes every frame starts with, in hex, e.g. AA or \"AA 55\"; used to find the start of a frame.")
                String start,
        @Doc("Payload length in bytes when every frame has the same length; leave out with length_byte: true.")
                @Nullable Integer length,
        @Doc("True when the byte right after the start bytes gives the payload length (0 to 255).")
                @Default("false") boolean lengthByte,
        @Doc("The check at the end of the frame: none, xor (1 byte) or crc16-modbus (2 bytes, low byte first).")
                @Default("none") Checksum checksum,
        @Doc("Byte order of multi-byte fields that do not set their own: big or little.") @Default("big") ByteOrder byteOrder) {}
