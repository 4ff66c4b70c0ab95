package dev.ferry.it;

import dev.ferry.testkit.serial.PtyPair;
import java.util.Locale;

/**
 * A climate sensor on a serial line that talks by itself: a {@code T=…,H=…} line every 200 ms into the pseudo-terminal
 * pair's feeder end, with values that drift so charts have something to show. Stops talking when closed.
 */
final class SerialSensor implements AutoCloseable {

    private final Thread talker;

    private SerialSensor(PtyPair line) {
        talker = Thread.ofVirtual().name("serial-sensor").unstarted(() -> talk(line));
    }

    static SerialSensor start(PtyPair line) {
        SerialSensor sensor = new SerialSensor(line);
        sensor.talker.start();
        return sensor;
    }

    private static void talk(PtyPair line) {
        try {
            for (int i = 0; ; i++) {
                double temperature = 21 + 2 * Math.sin(i / 20.0);
                double humidity = 40 + 5 * Math.cos(i / 30.0);
                line.write(String.format(Locale.ROOT, "T=%.2f,H=%.1f\n", temperature, humidity));
                Thread.sleep(200);
            }
        } catch (InterruptedException closing) {
            // close() ends the talking
        }
    }

    @Override
    public void close() throws InterruptedException {
        talker.interrupt();
        talker.join();
    }
}
