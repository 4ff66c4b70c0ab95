package dev.ferry.it;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level fields of one JSON line, with their token types, for checking the file sink's format. */
record JsonLine(Map<String, JsonToken> types, Map<String, String> values) {

    private static final JsonFactory FACTORY = new JsonFactory();

    static JsonLine parse(String line) throws IOException {
        Map<String, JsonToken> types = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + line);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                types.put(name, token);
                values.put(name, token.isStructStart() ? "" : parser.getText());
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the object: " + line);
            }
        }
        return new JsonLine(types, values);
    }
}
