package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.it.management.Endpoint;
import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.net.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built agent as installed: plugins with libraries of their own are folders in {@code plugins/} beside the
 * agent's jar, opened in a class loader each when a config names them.
 */
class PluginFoldersTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void everyInstalledPluginLoadsFromItsFolderAndBindsItsConfig() throws Exception {
        Path config = work.resolve("all.yaml");
        Files.writeString(config, """
                agent: {id: gw-01, data_dir: ./data}
                sources:
                  climate: {type: serial, port: /dev/ttyUSB0, baud: 9600, format: key-value, fields: [{key: T, metric: t}]}
                  meter:
                    type: modbus
                    tcp: {host: 127.0.0.1, port: 1502}
                    points: [{name: voltage, table: input, address: 100, type: float32}]
                  boiler:
                    type: opcua
                    endpoint: opc.tcp://127.0.0.1:4840/
                    security_policy: none
                    items: [{node: "ns=2;s=Boiler.Temperature", metric: temperature}]
                  devices: {type: coap, insecure: {port: 5683, tenant: lab}}
                sinks:
                  cloud: {type: mqtt, url: "mqtt://localhost:1883", topic: "ferry/{agent}/{source}/{metric}"}
                  field: {type: coap, url: "coap://localhost:5683/ferry/in"}
                """);

        AgentProcess.Result result = AgentProcess.run(work, "check-all", LIMIT, "check", "-c", config.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("OK (agent gw-01, 4 sources, 2 sinks");
    }

    @Test
    void unknownTypesListTheInstalledPluginsToo() throws Exception {
        Path config = work.resolve("typo.yaml");
        Files.writeString(config, """
                agent: {id: gw-01, data_dir: ./data}
                sources:
                  meter: {type: modbuss}
                sinks:
                  out: {type: file, path: out.jsonl}
                """);

        AgentProcess.Result result = AgentProcess.run(work, "check-typo", LIMIT, "check", "-c", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains(config + ":3: sources.meter.type: unknown source type \"modbuss\"; did you mean `modbus`?")
                .contains("coap, modbus, opcua, serial, simulated, system");
    }

    /**
     * A plugin whose libraries do the work at run time: the CoAP ingress (Californium, in its folder's class loader)
     * takes a SenML JSON request from libcoap's command-line client, and the reading reaches the file sink.
     */
    @Test
    void aFolderPluginRunsWithItsLibraries() throws Exception {
        int port = FreePorts.udp();
        int managementPort = FreePorts.tcp();
        Path config = work.resolve("coap.yaml");
        Files.writeString(config, """
                agent: {id: gw-01, data_dir: ./data}
                management: {listen: "127.0.0.1:%d"}
                sources:
                  devices: {type: coap, listen: 127.0.0.1, insecure: {port: %d, tenant: lab}}
                sinks:
                  out: {type: file, path: out/readings.jsonl}
                """.formatted(managementPort, port));
        Path out = work.resolve("out/readings.jsonl");

        try (AgentProcess agent = AgentProcess.start(work, "coap", "run", "-c", config.toString())) {
            await().atMost(LIMIT).until(() -> agent.stderrText().contains("agent gw-01 running") || !agent.isAlive());
            String response = postWithLibcoap("coap://127.0.0.1:" + port + "/readings",
                    "[{\"bn\":\"boiler/\",\"n\":\"temperature\",\"v\":71.5}]");
            assertThat(response).as("libcoap's log of the answer").contains("c:2.04");
            await().atMost(LIMIT).until(() -> DeliveredLines.read(out).lines().size() >= 1 || !agent.isAlive());
            String metrics = new Endpoint(managementPort).get("/metrics").body();
            assertThat(metrics).as("the plugin's own figures, offered through its context")
                    .contains("ferry_source_coap_requests_total{code=\"2.04\",source=\"devices\"} 1.0")
                    .contains("ferry_source_coap_stored_readings_total{source=\"devices\",tenant=\"lab\"} 1.0");
            assertThat(agent.terminate(LIMIT)).as("stderr:%n%s", agent.stderrText()).isZero();
            assertThat(agent.stderrText()).doesNotContain("\tat ");
        }
        List<DeliveredLines.Line> lines = DeliveredLines.read(out).lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().text()).contains("\"value\":71.5").contains("\"tenant\":\"lab\"");
    }

    private String postWithLibcoap(String uri, String senml) throws IOException, InterruptedException {
        Path log = work.resolve("coap-client.out");
        List<String> command = new ArrayList<>(List.of("coap-client-openssl", "-v", "6", "-m", "post", "-t", "110",
                "-e", senml, "-B", "20", uri));
        Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(client.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("coap-client-openssl ends").isTrue();
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
