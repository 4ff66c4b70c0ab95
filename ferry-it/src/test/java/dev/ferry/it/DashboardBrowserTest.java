package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FreePorts;
import dev.ferry.testkit.serial.PtyPair;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of the built agent in a real browser (the system's headless Chromium, driven by
 * {@code browser/dashboard-check.mjs}): every source is there, the log chart follows live data, and a serial device
 * that is unplugged turns its source DEGRADED for all to see. Leaves a screenshot in {@code target/dashboard.png}.
 */
class DashboardBrowserTest {

    private static final Duration LIMIT = Duration.ofSeconds(150);
    private static final Path BROWSER_TEST = Path.of("browser").toAbsolutePath();
    private static final Path SCREENSHOT = Path.of("target/dashboard.png").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void anOperatorSeesEverySourceLiveChartsAndTheDeviceThatStopped() throws Exception {
        assertThat(BROWSER_TEST.resolve("node_modules/playwright-core")).as("installed by bin/install-test-deps").isDirectory();
        int port = FreePorts.tcp();
        try (PtyPair climateDevice = PtyPair.start(Files.createDirectories(work.resolve("dev")), "ttyUSB0");
                SerialSensor sensor = SerialSensor.start(climateDevice)) {
            Path config = work.resolve("ferry.yaml");
            Files.writeString(config, """
                    agent: {id: gw-07, data_dir: ./data}
                    management: {listen: "127.0.0.1:%d"}
                    sources:
                      boiler:
                        type: simulated
                        interval: 200ms
                        signals:
                          - {name: temperature, unit: Cel, offset: 70, amplitude: 5, period: 1m}
                          - {name: pressure, unit: kPa, shape: random-walk, offset: 200, amplitude: 10}
                      pump:
                        type: simulated
                        interval: 500ms
                        signals: [{name: speed, unit: "1/min", shape: square, offset: 1400, amplitude: 100, period: 20s}]
                      climate:
                        type: serial
                        port: dev/ttyUSB0
                        baud: 9600
                        format: key-value
                        fields: [{key: T, metric: temperature, unit: Cel}, {key: H, metric: humidity, unit: "%%RH"}]
                    sinks:
                      archive: {type: file, path: ./out/readings.jsonl}
                    """.formatted(port));

            try (AgentProcess agent = AgentProcess.start(work, "agent", "run", "-c", "ferry.yaml")) {
                await().atMost(LIMIT).until(() -> agent.stderrText().contains("management endpoint on") || !agent.isAlive());
                assertThat(agent.isAlive()).as("agent runs; stderr:%n%s", agent.stderrText()).isTrue();

                Path browserOut = work.resolve("browser.out");
                Process browser = new ProcessBuilder("node", BROWSER_TEST.resolve("dashboard-check.mjs").toString(),
                        "http://127.0.0.1:" + port + "/", "boiler,pump,climate", "climate", SCREENSHOT.toString())
                        .redirectOutput(browserOut.toFile())
                        .redirectError(work.resolve("browser.err").toFile())
                        .start();
                try (OutputStream toBrowser = browser.getOutputStream()) {
                    await().atMost(LIMIT).until(() -> read(browserOut).contains("LOOKED") || !browser.isAlive());
                    assertThat(read(browserOut)).as("first look; browser said:%n%s", read(work.resolve("browser.err")))
                            .contains("LOOKED");

                    sensor.close();
                    climateDevice.unplug();
                    toBrowser.write("STOPPED\n".getBytes(StandardCharsets.UTF_8));
                    toBrowser.flush();

                    assertThat(browser.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the browser check ends").isTrue();
                } finally {
                    browser.destroyForcibly();
                }
                assertThat(browser.exitValue()).as("browser check: %s%s", read(browserOut), read(work.resolve("browser.err")))
                        .isZero();
                assertThat(read(browserOut)).contains("climate DEGRADED");
                assertThat(SCREENSHOT).isNotEmptyFile();
                assertThat(agent.terminate(LIMIT)).as("stderr:%n%s", agent.stderrText()).isZero();
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
