package dev.ferry.source.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.runtime.pipeline.Agent;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole agent: this source, the durable log with a slow group commit, a file sink; libcoap devices push over DTLS
 * with certificates. A device hears 2.04 only once its readings are committed, so the log holds them the moment the
 * client returns.
 */
class AgentEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void eachReadingIsCommittedBeforeTheDeviceHearsSoAndReachesTheFileWithItsTags() throws Exception {
        TestPki pki = TestPki.create(dir);
        Issued gateway = pki.server("localhost");
        Issued sensor = pki.client("sensor-1").tenant("acme").issue();
        int port = FreePorts.udp();
        Agent agent = Agents.start(dir, """
                agent:
                  id: gw-e2e
                  data_dir: ./data
                log:
                  commit_interval: 300ms
                sources:
                  devices:
                    type: coap
                    listen: 127.0.0.1
                    port: %d
                    tls:
                      ca: %s
                      cert: %s
                      key: %s
                sinks:
                  out:
                    type: file
                    path: out.jsonl
                    fsync: false
                """.formatted(port, pki.caFile(), gateway.certFile(), gateway.keyFile()));
        Path out = dir.resolve("out.jsonl");
        try {
            for (int n = 1; n <= 5; n++) {
                Libcoap.Result result = Libcoap.post().format(110).certificate(sensor, pki.caFile())
                        .payload("[{\"bn\":\"boiler/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":" + (20 + n) + "},"
                                + "{\"n\":\"pressure\",\"u\":\"bar\",\"v\":1." + n + "}]")
                        .send("coaps://127.0.0.1:" + port + "/readings");

                assertThat(result.code()).as("%s", result).isEqualTo("2.04");
                assertThat(agent.log().stats().appendedReadings()).as("committed when request %d was answered", n)
                        .isEqualTo(2L * n);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out) && Files.readAllLines(out).size() >= 10);
        } finally {
            agent.stop(Duration.ofSeconds(10));
        }

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(10);
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .contains("\"source\":\"devices\"")
                .contains("\"tags\":{").contains("\"tenant\":\"acme\"").contains("\"device\":\"sensor-1\""));
        assertThat(lines.getFirst()).contains("\"metric\":\"boiler/temperature\",\"value\":21,\"unit\":\"Cel\"");
        assertThat(lines.getLast()).contains("\"metric\":\"boiler/pressure\",\"value\":1.5,\"unit\":\"bar\"");
    }
}
