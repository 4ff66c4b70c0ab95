package dev.ferry.source.serial;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import java.util.List;

/** The keys of a {@code type: serial} source. */
public record SerialConfig(
        @Doc("The serial device, e.g. /dev/ttyUSB0 or a stable link such as /dev/serial/by-id/...; relative paths "
                + "resolve against the config file's directory.") String port,
        @Doc("Line speed in bits per second.") @Default("9600") int baud,
        @Doc("Data bits per character, 5 to 8.") @Default("8") int dataBits,
        @Doc("Parity: none, even, odd, mark or space.") @Default("none") Parity parity,
        @Doc("Stop bits: 1, 1.5 or 2.") @Default("1") double stopBits,
        @Doc("Flow control: none, rts-cts or xon-xoff.") @Default("none") FlowControl flowControl,
        @Doc("How frames are written: key-value, csv, regex or binary.") @Default("key-value") FrameFormat format,
        @Doc("key-value: between two pairs; csv: between two columns.") @Default(",") String separator,
        @Doc("key-value: between a key and its value.") @Default("=") String keyValueSeparator,
        @Doc("regex: the regular expression (Java syntax) with a named group per field; it must match somewhere in "
                + "the line, anchor it with ^ and $ to match the whole line.") @Nullable String pattern,
        @Doc("binary: the frame layout.") @Nullable BinaryFrameConfig frame,
        @Doc("The values to take from each frame, one reading each.") List<FieldConfig> fields,
        @Doc("Longest ASCII line accepted; a longer one is dropped and counted as malformed.")
                @Default("1KiB") DataSize maxFrameLength) {

    public SerialConfig {
        fields = List.copyOf(fields);
    }
}
