package dev.ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.AgentProcess;
import dev.ferry.testkit.pki.Issued;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ferry command as a user runs it: exit codes and what it prints. */
class CommandLineTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void versionNamesFerryAndItsJava() throws Exception {
        AgentProcess.Result result = AgentProcess.run(work, "version", LIMIT, "version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("ferry ").contains("java " + Runtime.version().feature());
    }

    @Test
    void checkAcceptsAValidFile() throws Exception {
        Path config = Resources.copy("minimal/ferry.yaml", work);

        AgentProcess.Result result = AgentProcess.run(work, "check", LIMIT, "check", "-c", config.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("OK").contains("agent gw-01, 1 source, 1 sink");
    }

    @Test
    void checkReportsEveryProblemWithFileLineAndKeyAndNoStackTrace() throws Exception {
        Path config = work.resolve("bad.yaml");
        Files.writeString(config, """
                agent:
                  id: gw-01
                  data_dir: ./data
                sources:
                  boiler:
                    type: simulated
                    intervall: 10ms
                  pump:
                    type: simulated
                    interval: fast
                sinks:
                  out:
                    type: file
                """);

        AgentProcess.Result result = AgentProcess.run(work, "check-bad", LIMIT, "check", "-c", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(config + ":7: sources.boiler.intervall: unknown key; did you mean `interval`?")
                .contains(config + ":10: sources.pump.interval:")
                .contains(config + ":12: sinks.out.path: missing required key")
                .contains("3 errors")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void runRefusesAnInvalidFileWithTheMessagesOfCheckAndCreatesNothing() throws Exception {
        Files.writeString(work.resolve("blocker"), "a file where the sink's directory should be");
        Path config = work.resolve("bad-run.yaml");
        Files.writeString(config, """
                agent: {id: gw-01, data_dir: ./data}
                sources:
                  boiler: {type: simulated, interval: 10 ms, intervall: 1s}
                sinks:
                  out: {type: file, path: ./blocker/readings.jsonl}
                """);

        AgentProcess.Result check = AgentProcess.run(work, "check-run", LIMIT, "check", "-c", config.toString());
        AgentProcess.Result run = AgentProcess.run(work, "run-bad", LIMIT, "run", "-c", config.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.stderr()).contains(config + ":3: sources.boiler.intervall: unknown key",
                config + ":5: sinks.out.path: cannot create " + work.resolve("blocker/readings.jsonl") + ": "
                        + work.resolve("blocker") + " is a file", "2 errors");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).as("run says what check says").isEqualTo(check.stderr());
        assertThat(work.resolve("data")).as("nothing created for an invalid config").doesNotExist();
    }

    @Test
    void checkReadsTheCertificatesAndKeysTheConfigNames() throws Exception {
        TestPki pki = TestPki.create(work.resolve("pki"));
        Issued gateway = pki.client("gw-01").issue();
        Issued other = pki.client("someone-else").issue();
        Path config = work.resolve("tls.yaml");
        Files.writeString(config, """
                agent: {id: gw-01, data_dir: ./data}
                sources:
                  boiler: {type: simulated, interval: 1s}
                sinks:
                  cloud:
                    type: mqtt
                    url: mqtts://broker.example.com:8883
                    tls:
                      ca: pki/missing-ca.pem
                  upstream:
                    type: coap
                    url: coaps://collector.example.com:5684/in
                    tls:
                      ca: %s
                      cert: %s
                      key: %s
                """.formatted(pki.caFile(), gateway.certFile(), other.keyFile()));

        AgentProcess.Result result = AgentProcess.run(work, "check-tls", LIMIT, "check", "-c", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(config + ":9: sinks.cloud.tls.ca:").contains("missing-ca.pem")
                .contains(config + ":16: sinks.upstream.tls.key:")
                .contains("2 errors")
                .doesNotContain("\tat ");
    }

    @Test
    void aMissingConfigFileIsOneClearLine() throws Exception {
        AgentProcess.Result result = AgentProcess.run(work, "check-missing", LIMIT, "check", "-c", "nowhere.yaml");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("nowhere.yaml: no such file").doesNotContain("\tat ");
    }

    @Test
    void logCommandsExplainWhenThereIsNoLogYet() throws Exception {
        Path config = Resources.copy("minimal/ferry.yaml", work);

        AgentProcess.Result result = AgentProcess.run(work, "stats", LIMIT, "log", "stats", "-c", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("no log at").contains("created when the agent first runs");
    }
}
