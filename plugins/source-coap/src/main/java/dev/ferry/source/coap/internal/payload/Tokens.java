package dev.ferry.source.coap.internal.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.api.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading typed values out of a streaming parser (JSON or CBOR), with messages that name the place. */
final class Tokens {

    private Tokens() {}

    /** What a token is, for a message: {@code text}, {@code a number}, {@code an array}... */
    static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_EMBEDDED_OBJECT -> "bytes";
            default -> token.name();
        };
    }

    static String text(JsonParser p, String where) throws IOException, MalformedPayloadException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrong(p, where, "text");
        }
        return p.getText();
    }

    /**
     * A whole number that fits a long stays whole, however it was written (a CBOR bignum can hold a small number);
     * any other number becomes a double.
     */
    static Value number(JsonParser p, String where) throws IOException, MalformedPayloadException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return new Value.Int(p.getLongValue());
        }
        if (token == JsonToken.VALUE_NUMBER_INT && p.getBigIntegerValue().bitLength() < Long.SIZE) {
            return new Value.Int(p.getBigIntegerValue().longValueExact());
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return new Value.Num(p.getDoubleValue());
        }
        throw wrong(p, where, "a number");
    }

    static double seconds(JsonParser p, String where) throws IOException, MalformedPayloadException {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrong(p, where, "a number");
        }
        return p.getDoubleValue();
    }

    static long wholeNumber(JsonParser p, String where) throws IOException, MalformedPayloadException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw wrong(p, where, "a whole number");
        }
        return p.getLongValue();
    }

    static boolean bool(JsonParser p, String where) throws MalformedPayloadException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw wrong(p, where, "a boolean");
        };
    }

    /** A number, text or boolean. */
    static Value scalar(JsonParser p, String where) throws IOException, MalformedPayloadException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> new Value.Text(p.getText());
            case VALUE_TRUE -> new Value.Bool(true);
            case VALUE_FALSE -> new Value.Bool(false);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p, where);
            default -> throw wrong(p, where, "a number, text or a boolean");
        };
    }

    /** An object of tag name to text; numbers and booleans are taken as written. */
    static Map<String, String> tags(JsonParser p, String where) throws IOException, MalformedPayloadException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw wrong(p, where, "an object of tag names to text");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.isEmpty()) {
                throw new MalformedPayloadException(where + ": a tag name must not be empty");
            }
            switch (value) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> tags.put(name, p.getText());
                default -> throw new MalformedPayloadException(where + ": tag `" + name + "` must be text, got "
                        + describe(value));
            }
        }
        return tags;
    }

    /**
     * Refuses a JSON payload that is not UTF-8 before Jackson reads it. Jackson checks the text of values, but finds a
     * field name in a table of the names earlier payloads used, matched on its bytes with the last ones padded with
     * 0xFF, which UTF-8 never holds: a name with stray 0xFF bytes was read as a shorter name some other payload sent.
     */
    static void requireUtf8(byte[] payload) throws MalformedPayloadException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(payload.length), true);
        if (result.isError()) {
            throw new MalformedPayloadException("not valid JSON: not UTF-8 text at byte " + in.position());
        }
    }

    /** Jackson's message without the location it appends, which names Jackson's buffers rather than the payload. */
    static String parserMessage(com.fasterxml.jackson.core.JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int location = message.indexOf(" (start token at ");
        return location < 0 ? message : message.substring(0, location);
    }

    static MalformedPayloadException wrong(JsonParser p, String where, String expected) {
        return new MalformedPayloadException(where + " must be " + expected + ", got " + describe(p.currentToken()));
    }
}
