package dev.ferry.source.coap.internal.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.ferry.api.Reading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the payloads devices push to the CoAP ingress: SenML JSON (Content-Format 110), SenML CBOR (112)
 * and plain JSON (50). Whatever the bytes, a decoder returns readings or refuses the payload with a
 * {@link MalformedPayloadException} whose message goes back to the device as the diagnostic. Any other exception,
 * a reading that breaks the rules the decoder promises (a SenML name, the source, a time), or an input that takes
 * longer than the timeout, is a finding. A SenML pack accepted in one encoding is written in the other, with the
 * same fields under the other's labels, and must be read as the same readings: the encoding a device chose makes no
 * difference.
 *
 * <p>A normal build runs each target over the inputs in {@code src/test/resources/dev/ferry/source/coap/internal/
 * payload/PayloadDecodersFuzzTestInputs/<method>/} (seeds and every crash found so far); {@code bin/fuzz} fuzzes them
 * for real and writes a crashing input there. The seeds are packs the ingress accepts: RFC 8428's base fields, every
 * kind of value, Ferry's {@code tags} and {@code id} extensions, and another Ferry's JSON with a gap.
 */
class PayloadDecodersFuzzTest {

    private static final String SOURCE = "devices";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Pattern SENML_NAME = Pattern.compile("[a-zA-Z0-9][-:./a-zA-Z0-9_]*");

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final CBORFactory CBOR = CBORFactory.builder().build();
    /** Each field's CBOR label, as the decoder knows it. */
    private static final Map<SenmlField, Integer> LABELS = new EnumMap<>(SenmlField.class);

    static {
        for (int label = -16; label <= 16; label++) {
            SenmlField field = SenmlField.byKey(Integer.toString(label), true);
            if (field != null) {
                LABELS.put(field, label);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void senmlJson(byte[] payload) throws IOException {
        List<Reading> readings = decode(SenmlDecoder.JSON, payload);
        if (readings != null) {
            assertSenml(readings);
            byte[] cbor = transcode(payload, false);
            assertThat(outcome(SenmlDecoder.CBOR, cbor)).as("the same pack in CBOR, %s", HexFormat.of().formatHex(cbor))
                    .isEqualTo(readings);
        }
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void senmlCbor(byte[] payload) throws IOException {
        List<Reading> readings = decode(SenmlDecoder.CBOR, payload);
        if (readings != null) {
            assertSenml(readings);
            byte[] json = transcode(payload, true);
            if (json != null) {
                assertThat(outcome(SenmlDecoder.JSON, json)).as("the same pack in JSON, %s", new String(json, StandardCharsets.UTF_8))
                        .isEqualTo(readings);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void json(byte[] payload) {
        List<Reading> readings = decode(JsonReadingsDecoder.INSTANCE, payload);
        if (readings != null) {
            assertThat(readings).allSatisfy(r -> {
                assertThat(r.source()).isEqualTo(SOURCE);
                assertThat(r.metric()).isNotEmpty().hasSizeLessThanOrEqualTo(512);
            });
        }
    }

    /** The seeds are what they claim: payloads the ingress accepts, in each format. */
    @Test
    void theSeedsAreAccepted() throws Exception {
        for (String seed : List.of("base-fields.json", "every-kind-of-value.json", "ferry-extensions.json")) {
            assertThat(SenmlDecoder.JSON.decode(seed("senmlJson/" + seed), SOURCE, NOW)).as(seed).isNotEmpty();
        }
        for (String seed : List.of("labels.cbor", "base-fields.cbor", "every-kind-of-value.cbor", "ferry-extensions.cbor")) {
            assertThat(SenmlDecoder.CBOR.decode(seed("senmlCbor/" + seed), SOURCE, NOW)).as(seed).isNotEmpty();
        }
        for (String seed : List.of("object-of-metrics.json", "array-of-readings.json", "from-another-ferry.json")) {
            assertThat(JsonReadingsDecoder.INSTANCE.decode(seed("json/" + seed), SOURCE, NOW)).as(seed).isNotEmpty();
        }
    }

    /** The CBOR seeds are the JSON ones written by {@link #transcode}, and read as the same readings. */
    @Test
    void theCborSeedsAreTheJsonOnesInCbor() throws IOException {
        for (String seed : List.of("base-fields", "every-kind-of-value", "ferry-extensions")) {
            byte[] json = seed("senmlJson/" + seed + ".json");
            assertThat(seed("senmlCbor/" + seed + ".cbor")).as(seed).isEqualTo(transcode(json, false));
        }
    }

    /**
     * A tag named 0xFF followed by a name the decoder saw before is not UTF-8, and is refused: a table of names shared
     * by all payloads once matched it to that name, so that the same bytes were read or refused after what other
     * devices had sent.
     */
    @Test
    void aNameThatIsNotUtf8IsRefusedWhateverNamesCameBefore() throws Exception {
        byte[] json = bytes("[{\"n\":\"a\",\"v\":1,\"tags\":{\"ine\":\"x\"}}]");
        byte[] jsonFf = bytes("[{\"n\":\"a\",\"v\":1,\"tags\":{\"\u00FFine\":\"x\"}}]");
        byte[] cbor = HexFormat.of().parseHex("81a3" + "006161" + "0201" + "6474616773" + "a1" + "63696e65" + "6178");
        byte[] cborFf = HexFormat.of().parseHex("81a3" + "006161" + "0201" + "6474616773" + "a1" + "64ff696e65" + "6178");

        assertThat(SenmlDecoder.JSON.decode(json, SOURCE, NOW)).singleElement().satisfies(r -> assertThat(r.tags()).containsKey("ine"));
        assertThat(outcome(SenmlDecoder.JSON, jsonFf)).isEqualTo("refused: not valid JSON: not UTF-8 text at byte 25");
        assertThat(outcome(JsonReadingsDecoder.INSTANCE, bytes("{\"ine\":1}"))).isNotInstanceOf(String.class);
        assertThat(outcome(JsonReadingsDecoder.INSTANCE, bytes("{\"\u00FFine\":1}"))).asString().startsWith("refused: ");
        assertThat(SenmlDecoder.CBOR.decode(cbor, SOURCE, NOW)).singleElement().satisfies(r -> assertThat(r.tags()).containsKey("ine"));
        assertThat(outcome(SenmlDecoder.CBOR, cborFf)).asString().startsWith("refused: ");
    }

    /** One byte per character, so that U+00FF is the byte 0xFF, which UTF-8 never holds. */
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The readings, or null when the decoder refused the payload as it should. */
    private static List<Reading> decode(PayloadDecoder decoder, byte[] payload) {
        try {
            List<Reading> readings = decoder.decode(payload, SOURCE, NOW);
            assertThat(readings).doesNotContainNull();
            return readings;
        } catch (MalformedPayloadException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without a diagnostic", e);
            }
            return null;
        }
    }

    /** The readings, or the refusal's message: what a mismatch shows. */
    private static Object outcome(PayloadDecoder decoder, byte[] payload) {
        try {
            return decoder.decode(payload, SOURCE, NOW);
        } catch (MalformedPayloadException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static void assertSenml(List<Reading> readings) {
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo(SOURCE);
            assertThat(r.metric()).matches(SENML_NAME);
        });
    }

    /**
     * The pack in the other encoding: each SenML field under the other's label, Ferry's {@code tags} and {@code id}
     * as they are, data values as a byte string in CBOR and base64url in JSON. Extensions the decoder skips are left
     * out, as a JSON key such as {@code "2"} would be a label in CBOR. Null for a pack JSON cannot hold: one with NaN
     * or an infinity, which CBOR has and JSON has not.
     */
    static byte[] transcode(byte[] pack, boolean fromCbor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser p = (fromCbor ? CBOR : JSON).createParser(pack);
                JsonGenerator g = (fromCbor ? JSON : CBOR).createGenerator(out)) {
            p.nextToken();
            g.writeStartArray();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                g.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    SenmlField field = SenmlField.byKey(key, fromCbor);
                    if (field != null) {
                        if (fromCbor) {
                            g.writeFieldName(field.label());
                        } else {
                            ((CBORGenerator) g).writeFieldId(LABELS.get(field));
                        }
                        if (fromCbor && p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(p.getDoubleValue())) {
                            return null;
                        }
                        copyValue(p, g);
                    } else if (key.equals(SenmlField.TAGS)) {
                        g.writeFieldName(key);
                        g.writeStartObject();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            g.writeFieldName(p.currentName());
                            p.nextToken();
                            g.writeString(p.getText()); // a tag is text, however it was written
                        }
                        g.writeEndObject();
                    } else if (key.equals(SenmlField.ID)) {
                        g.writeFieldName(key);
                        g.writeString(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private static void copyValue(JsonParser p, JsonGenerator g) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING -> g.writeString(p.getText());
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    g.writeNumber(p.getBigIntegerValue());
                } else {
                    g.writeNumber(p.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> g.writeNumber(p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> g.writeBoolean(p.getBooleanValue());
            case VALUE_EMBEDDED_OBJECT -> g.writeString(Base64.getUrlEncoder().withoutPadding().encodeToString(p.getBinaryValue()));
            default -> throw new AssertionError("an accepted pack holds " + p.currentToken() + " as a field's value");
        }
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = PayloadDecodersFuzzTest.class.getResourceAsStream("PayloadDecodersFuzzTestInputs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
