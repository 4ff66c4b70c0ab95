package dev.ferry.source.serial.internal;

import java.nio.charset.StandardCharsets;

/**
 * Cuts ASCII lines: a line ends at LF or CR, so LF, CR LF and bare CR devices all work, and empty lines are
 * skipped. A line longer than the cap is reported once and dropped up to its end, so a device that never sends
 * a newline costs a fixed buffer, not memory without bound.
 */
final class LineFramer implements Framer {

    private final byte[] line;
    private final FrameConsumer consumer;
    private int length;
    private boolean dropping;

    LineFramer(int maxLength, FrameConsumer consumer) {
        this.line = new byte[maxLength];
        this.consumer = consumer;
    }

    @Override
    public void accept(byte[] data, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            byte b = data[i];
            if (b == '\n' || b == '\r') {
                if (!dropping && length > 0) {
                    consumer.frame(line, 0, length);
                }
                length = 0;
                dropping = false;
            } else if (dropping) {
                continue;
            } else if (length == line.length) {
                dropping = true;
                consumer.malformed("line longer than max_frame_length (" + line.length + " bytes) dropped: "
                        + Printable.line(new String(line, 0, Math.min(40, line.length), StandardCharsets.ISO_8859_1)) + "...");
            } else {
                line[length++] = b;
            }
        }
    }
}
