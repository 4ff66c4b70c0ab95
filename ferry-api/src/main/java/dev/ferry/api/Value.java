package dev.ferry.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A typed measured value. */
public sealed interface Value permits Value.Num, Value.Int, Value.Bool, Value.Text, Value.Bytes {

    /** A floating-point number (temperatures, pressures, ratios). */
    record Num(double value) implements Value {}

    /** A whole number (counters, register values). */
    record Int(long value) implements Value {}

    record Bool(boolean value) implements Value {}

    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Raw bytes (an undecoded frame, a bit field); equality is by content. */
    record Bytes(byte[] value) implements Value {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    static Value of(double v) {
        return new Num(v);
    }

    static Value of(long v) {
        return new Int(v);
    }

    static Value of(boolean v) {
        return new Bool(v);
    }

    static Value of(String v) {
        return new Text(v);
    }
}
