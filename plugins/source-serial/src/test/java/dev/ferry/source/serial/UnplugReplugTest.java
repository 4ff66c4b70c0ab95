package dev.ferry.source.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.serial.PtyPair;
import dev.ferry.api.HealthState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A USB adapter pulled out mid-stream and plugged back in, as socat being killed and started again on the same path. */
class UnplugReplugTest {

    private static final String SECTION = """
            type: serial
            port: ${PORT}
            fields:
              - key: N
                metric: frame
                type: integer
              - key: T
                metric: temperature
                unit: Cel
            """;

    @TempDir
    Path dir;

    @Test
    void degradesWhileUnpluggedAndReadsEveryFrameSentWhilePluggedIn() throws Exception {
        try (PtyPair device = PtyPair.start(dir);
                RunningSource source = RunningSource.start(SerialConfigs.load(SECTION, device.device(), dir), dir)) {
            send(device, 1, 60);
            await().atMost(Duration.ofSeconds(20)).until(() -> source.values("frame").contains(60L));
            assertThat(source.health().state()).isEqualTo(HealthState.UP);

            device.write("N=61,T=2"); // cut off by the unplug: never a reading, never glued to the next frame
            device.unplug();
            await().atMost(Duration.ofSeconds(20)).until(() -> source.health().state() == HealthState.DEGRADED);
            assertThat(source.health().reason()).contains(device.device().toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> source.stats().transientErrors() >= 3);
            assertThat(source.health().state()).isEqualTo(HealthState.DEGRADED);
            assertThat(source.health().reason()).contains("does not exist");

            device.plug();
            send(device, 62, 150);
            await().atMost(Duration.ofSeconds(30)).until(() -> source.values("frame").contains(150L));

            assertThat(source.values("frame")).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 150).filter(n -> n != 61).boxed().toList());
            assertThat(source.readings()).filteredOn(r -> r.metric().equals("temperature")).hasSize(149);
            assertThat(source.health().state()).isEqualTo(HealthState.UP);
            assertThat(source.stats().malformed()).isZero();
        }
    }

    private static void send(PtyPair device, int first, int last) {
        StringBuilder frames = new StringBuilder();
        for (int n = first; n <= last; n++) {
            frames.append("N=").append(n).append(",T=").append(20 + n % 10).append(".5\r\n");
        }
        device.write(frames.toString());
    }
}
