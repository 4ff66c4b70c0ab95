package dev.ferry.management.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's static files, shipped in the jar: {@code /} is its page, {@code /dashboard/<file>} the rest. A file
 * is read from the jar on its first request only, so an agent nobody looks at holds none of them in memory. Each
 * carries a strong ETag from its content, so a browser revalidates it cheaply and never keeps one from an older
 * version of Ferry.
 */
public final class DashboardAssets {

    /** A file to send: its media type, content and ETag (quoted, as the header wants it). */
    public record Asset(String contentType, byte[] body, String etag) {}

    private static final String FOLDER = "/dev/ferry/management/dashboard/";

    /** Request path to file in {@link #FOLDER}; nothing else of the jar is ever served. */
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/dashboard/dashboard.js", "dashboard.js",
            "/dashboard/dashboard.css", "dashboard.css",
            "/dashboard/uPlot.iife.min.js", "vendor/uplot/uPlot.iife.min.js",
            "/dashboard/uPlot.min.css", "vendor/uplot/uPlot.min.css");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** The file for a request path; empty for every path that is not one of the dashboard's. */
    public Optional<Asset> find(String path) {
        String file = FILES.get(path);
        return file == null ? Optional.empty() : Optional.of(loaded.computeIfAbsent(file, DashboardAssets::load));
    }

    private static Asset load(String file) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + file + " is missing from the jar");
            }
            byte[] body = in.readAllBytes();
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            return new Asset(type, body, "\"" + HexFormat.of().formatHex(sha256(body), 0, 16) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + file, e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
