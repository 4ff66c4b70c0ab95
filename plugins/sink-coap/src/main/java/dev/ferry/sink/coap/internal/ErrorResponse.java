package dev.ferry.sink.coap.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;

/**
 * A response other than 2.xx, as a failure that names the code and quotes the server's diagnostic payload (RFC 7252
 * section 5.5.2), e.g. {@code coaps://h:5684/in answered 4.00 Bad Request: "unknown content format"}.
 */
public final class ErrorResponse extends IOException {

    /** Longest diagnostic quoted; servers may send whole pages. */
    private static final int MAX_DIAGNOSTIC = 200;

    private final String code;
    private final boolean clientError;

    /** An expected outcome, reported by its message: no stack trace worth filling. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private ErrorResponse(String message, String code, boolean clientError) {
        super(message);
        this.code = code;
        this.clientError = clientError;
    }

    public static ErrorResponse of(String server, Response response) {
        ResponseCode code = response.getCode();
        String number = code.codeClass + "." + String.format(Locale.ROOT, "%02d", code.codeDetail);
        String diagnostic = diagnostic(response.getPayload());
        return new ErrorResponse(server + " answered " + number + " " + words(code) + (diagnostic.isEmpty() ? "" : ": " + diagnostic),
                number, code.codeClass == 4);
    }

    /** The code as written in RFC 7252, e.g. {@code 4.13}. */
    public String code() {
        return code;
    }

    /** A 4.xx: the server will not take this request as it is. */
    public boolean clientError() {
        return clientError;
    }

    /** {@code REQUEST_ENTITY_TOO_LARGE} becomes {@code Request Entity Too Large}. */
    private static String words(ResponseCode code) {
        StringBuilder text = new StringBuilder();
        for (String word : code.name().split("_")) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }

    /** The payload quoted when it is UTF-8 text, as a diagnostic payload must be; else only its size. */
    private static String diagnostic(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return "";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString().strip();
        } catch (CharacterCodingException binary) {
            return "(" + payload.length + " bytes of binary payload)";
        }
        if (text.length() > MAX_DIAGNOSTIC) {
            text = text.substring(0, MAX_DIAGNOSTIC) + "...";
        }
        return "\"" + text.replaceAll("\\p{Cntrl}", " ") + "\"";
    }
}
