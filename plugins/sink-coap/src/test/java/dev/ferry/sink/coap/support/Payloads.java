package dev.ferry.sink.coap.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a server received back into records, the way a consumer would: a SenML pack (CBOR labels turned into
 * their JSON names, so both encodings compare alike) or a JSON array of reading objects.
 */
public final class Payloads {

    public static final int JSON = 50;
    public static final int SENML_JSON = 110;
    public static final int SENML_CBOR = 112;

    private static final Map<String, String> SENML_LABELS = Map.of("-2", "bn", "0", "n", "1", "u", "2", "v", "3", "vs",
            "4", "vb", "6", "t", "8", "vd");

    private Payloads() {}

    /** One map per record (reading or gap), in order. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(byte[] payload, int contentFormat) {
        Object tree;
        try (JsonParser parser = (contentFormat == SENML_CBOR ? new CBORFactory() : new JsonFactory()).createParser(payload)) {
            parser.nextToken();
            tree = read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("payload of content-format " + contentFormat + " does not parse", e);
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object item : (List<Object>) tree) {
            Map<String, Object> record = new LinkedHashMap<>();
            ((Map<String, Object>) item).forEach((key, value) ->
                    record.put(contentFormat == SENML_CBOR ? SENML_LABELS.getOrDefault(key, key) : key, value));
            records.add(record);
        }
        return records;
    }

    /** The reading IDs of a payload, in order; gap records have none. */
    public static List<String> ids(byte[] payload, int contentFormat) {
        return records(payload, contentFormat).stream().filter(r -> r.containsKey("id")).map(r -> (String) r.get("id")).toList();
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, read(parser));
                }
                yield map;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_EMBEDDED_OBJECT -> parser.getBinaryValue();
            case VALUE_NULL -> "null";
            default -> throw new IOException("unexpected " + token);
        };
    }
}
