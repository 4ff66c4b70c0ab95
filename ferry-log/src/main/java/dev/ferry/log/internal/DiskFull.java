package dev.ferry.log.internal;

import java.io.IOException;

/** Recognises the operating system's "no space left" among I/O failures; the JDK has no dedicated exception for it. */
final class DiskFull {

    private DiskFull() {}

    static boolean is(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
