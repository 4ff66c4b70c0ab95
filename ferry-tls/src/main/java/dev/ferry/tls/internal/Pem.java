package dev.ferry.tls.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits PEM text into its blocks. Text between blocks (OpenSSL's "Bag Attributes", comments) is ignored; a block
 * that begins and never ends is refused, because that is what a file caught half-written looks like.
 */
final class Pem {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    private static final Pattern HEADER = Pattern.compile("([A-Za-z-]+):\\s*(.*)");

    private Pem() {}

    /** Whether the bytes look like PEM text at all, rather than DER or PKCS#12. */
    static boolean looksLikePem(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    /**
     * The blocks in the order they appear.
     *
     * @throws IllegalArgumentException saying what is wrong: no block at all, a block without its END line, or a
     *     body that is not base64
     */
    static List<PemBlock> parse(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        List<PemBlock> blocks = new ArrayList<>();
        Matcher begin = BEGIN.matcher(text);
        int from = 0;
        while (begin.find(from)) {
            String type = begin.group(1);
            String endLine = "-----END " + type + "-----";
            int end = text.indexOf(endLine, begin.end());
            if (end < 0) {
                throw new IllegalArgumentException("it is cut short: \"-----BEGIN " + type + "-----\" has no END line");
            }
            blocks.add(block(type, text.substring(begin.end(), end)));
            from = end + endLine.length();
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("it is not PEM (no \"-----BEGIN\" line)");
        }
        return blocks;
    }

    private static PemBlock block(String type, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\\R")) {
            String trimmed = line.strip();
            Matcher header = HEADER.matcher(trimmed);
            if (base64.isEmpty() && header.matches()) {
                headers.put(header.group(1), header.group(2));
            } else {
                base64.append(trimmed);
            }
        }
        try {
            return new PemBlock(type, Map.copyOf(headers), Base64.getDecoder().decode(base64.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + type + " block is not valid base64");
        }
    }
}
