package dev.ferry.management.diagnostics;

import dev.ferry.api.config.Durations;
import java.net.URI;
import java.time.Duration;

/** What {@code POST /diagnostics} asks for: {@code ?duration=30s}, the length of the flight recording. */
public final class DiagnosticsRequest {

    public static final Duration DEFAULT_LENGTH = Duration.ofSeconds(30);
    /** Long enough for a slow fault to show; short enough that a forgotten request does not hold the endpoint. */
    public static final Duration LONGEST = Duration.ofMinutes(10);

    private DiagnosticsRequest() {}

    /**
     * The recording length asked for, {@link #DEFAULT_LENGTH} when the query names none.
     *
     * @throws IllegalArgumentException naming the value and the bounds, when it is not a duration from 1s to 10m
     */
    public static Duration recordingLength(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return DEFAULT_LENGTH;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("duration=")) {
                String text = parameter.substring("duration=".length());
                Duration length;
                try {
                    length = Durations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("duration: " + e.getMessage());
                }
                if (length.compareTo(Duration.ofSeconds(1)) < 0 || length.compareTo(LONGEST) > 0) {
                    throw new IllegalArgumentException("duration: must be from 1s to " + Durations.format(LONGEST) + ", was " + text);
                }
                return length;
            }
        }
        return DEFAULT_LENGTH;
    }
}
