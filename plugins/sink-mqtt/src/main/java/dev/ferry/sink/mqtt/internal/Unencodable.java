package dev.ferry.sink.mqtt.internal;

import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.api.Refusal;
import dev.ferry.api.Value;
import dev.ferry.sink.mqtt.MqttSinkConfig.PayloadEncoding;
import java.util.Map;

/**
 * Readings a payload encoding cannot carry, found before encoding, so that one of them is refused alone instead of
 * failing the whole batch again and again.
 */
final class Unencodable {

    static final Refusal NOT_FINITE = new Refusal("value_not_finite", "encoding senml-json cannot carry NaN or"
            + " Infinity, as SenML values are JSON numbers; use encoding senml-cbor or json, which can");
    static final Refusal LONE_SURROGATE = new Refusal("text_not_unicode", "encoding senml-cbor cannot carry a text"
            + " holding a lone UTF-16 surrogate (a name, unit, tag or text value cut in the middle of a character),"
            + " which has no UTF-8 form; encoding json sends it with U+FFFD in its place");

    private Unencodable() {}

    /** Why {@code encoding} cannot carry the reading, or null when it can. */
    static @Nullable Refusal refusal(Reading reading, PayloadEncoding encoding) {
        return switch (encoding) {
            case JSON -> null; // its writer sends NaN as a string and a lone surrogate as U+FFFD
            case SENML_JSON -> reading.value() instanceof Value.Num(double v) && !Double.isFinite(v) ? NOT_FINITE : null;
            case SENML_CBOR -> hasLoneSurrogate(reading) ? LONE_SURROGATE : null;
        };
    }

    private static boolean hasLoneSurrogate(Reading reading) {
        if (loneSurrogate(reading.source()) || loneSurrogate(reading.metric()) || loneSurrogate(reading.unit())
                || reading.value() instanceof Value.Text(String text) && loneSurrogate(text)) {
            return true;
        }
        for (Map.Entry<String, String> tag : reading.tags().entrySet()) {
            if (loneSurrogate(tag.getKey()) || loneSurrogate(tag.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
