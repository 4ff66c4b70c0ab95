package dev.ferry.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/** Forwards one direction of one connection, applying that direction's {@link LinkFaults} chunk by chunk. */
final class Pump {

    private static final int CHUNK_BYTES = 16 * 1024;

    private final Direction direction;
    private final Socket from;
    private final Socket to;
    private final LinkFaults faults;
    private final Links links;

    Pump(Direction direction, Socket from, Socket to, Links links) {
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.faults = links.faults(direction);
        this.links = links;
    }

    /** Forwards until the sender's end of stream, which it passes on; an I/O failure or interrupt ends it. */
    void run() throws IOException, InterruptedException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] chunk = new byte[CHUNK_BYTES];
        while (true) {
            faults.awaitFlowing();
            int length = in.read(chunk);
            if (length < 0) {
                if (!dropping()) {
                    to.shutdownOutput();
                }
                return;
            }
            sleep(faults.nextLatency());
            forward(chunk, length, out);
        }
    }

    private void forward(byte[] chunk, int length, OutputStream out) throws IOException, InterruptedException {
        int offset = 0;
        while (offset < length) {
            faults.awaitFlowing();
            TokenBucket cap = faults.bandwidthCap();
            int slice = Math.min(length - offset, faults.sliceBytes());
            if (cap != null) {
                slice = Math.min(slice, cap.burst());
            }
            if (dropping()) {
                links.counters().dropped.add(slice);
            } else {
                if (cap != null) {
                    cap.take(slice);
                }
                links.counters().forwarded(direction, slice);
                out.write(chunk, offset, slice);
            }
            offset += slice;
            sleep(faults.slicePause());
        }
    }

    private boolean dropping() {
        return faults.dropping() || links.blackHoled().getAsBoolean();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    }
}
