package dev.ferry.source.serial.internal;

import dev.ferry.source.serial.BinaryFrameConfig;
import dev.ferry.source.serial.ByteOrder;
import dev.ferry.source.serial.FieldConfig;
import dev.ferry.source.serial.SerialConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds the framer and decoder a validated config describes; a fresh pair per read session, so no partial frame survives a reopen. */
final class Decoding {

    private final String source;
    private final SerialConfig config;
    private final byte[] start;
    private final Pattern pattern;

    Decoding(String source, SerialConfig config) {
        this.source = source;
        this.config = config;
        this.start = config.frame() == null ? new byte[0] : HexBytes.parse(config.frame().start());
        this.pattern = config.pattern() == null ? null : Pattern.compile(config.pattern());
    }

    /** A framer that hands its frames, decoded, to {@code handler}'s consumer side. */
    Framer framer(FrameConsumer consumer, int readSize) {
        BinaryFrameConfig frame = config.frame();
        return switch (config.format()) {
            case BINARY -> new BinaryFramer(start, frame.lengthByte() ? -1 : frame.length(), frame.checksum(), readSize, consumer);
            case KEY_VALUE, CSV, REGEX -> new LineFramer((int) config.maxFrameLength().bytes(), consumer);
        };
    }

    FrameDecoder decoder() {
        List<FieldConfig> fields = config.fields();
        ByteOrder order = config.frame() == null ? ByteOrder.BIG : config.frame().byteOrder();
        FieldReader[] readers = new FieldReader[fields.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new FieldReader(source, fields.get(i), order);
        }
        return switch (config.format()) {
            case KEY_VALUE -> {
                Map<String, FieldReader> byKey = new HashMap<>();
                for (int i = 0; i < readers.length; i++) {
                    byKey.put(fields.get(i).key(), readers[i]);
                }
                yield new KeyValueDecoder(config.separator(), config.keyValueSeparator(), byKey);
            }
            case CSV -> new CsvDecoder(config.separator(), readers, fields.stream().mapToInt(FieldConfig::column).toArray());
            case REGEX -> new RegexDecoder(pattern, readers, fields.stream().map(FieldConfig::group).toArray(String[]::new));
            case BINARY -> new BinaryDecoder(readers);
        };
    }
}
