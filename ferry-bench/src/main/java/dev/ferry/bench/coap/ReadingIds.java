package dev.ferry.bench.coap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.ferry.api.ReadingId;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Finds the readings in a payload of the CoAP sink by the {@code "id"} each carries, whichever encoding: SenML CBOR,
 * SenML JSON, or JSON readings. A streaming scan, no tree is built.
 */
final class ReadingIds {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final CBORFactory CBOR = CBORFactory.builder().build();

    private ReadingIds() {}

    /** Calls {@code each} with the sequence number of every reading; returns how many there were. */
    static int scan(byte[] payload, boolean cbor, LongConsumer each) throws IOException {
        int found = 0;
        try (JsonParser parser = cbor ? CBOR.createParser(payload) : JSON.createParser(payload)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token == JsonToken.FIELD_NAME && "id".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    each.accept(ReadingId.parse(parser.getText()).seq());
                    found++;
                }
            }
        }
        return found;
    }
}
