package dev.ferry.source.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.ConfigProblem;
import dev.ferry.api.Deadline;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.PluginContext;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.runtime.config.ConfigLoader;
import dev.ferry.runtime.config.LoadedConfig;
import dev.ferry.runtime.plugin.PluginRegistry;
import dev.ferry.testkit.StdoutStandIn;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemSourceProviderTest {

    private final SystemSourceProvider provider = new SystemSourceProvider();

    @TempDir
    Path dataDir;

    record Context(String name, Path dataDir, Path base) implements PluginContext {
        @Override
        public String agentId() {
            return "gw-test";
        }

        @Override
        public Path resolve(String configuredPath) {
            return base.resolve(configuredPath).normalize();
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public HealthReporter health() {
            return (state, reason) -> {};
        }
    }

    @Test
    void isFoundByServiceLoaderAsTypeSystem() throws Exception {
        PluginRegistry found = PluginRegistry.load(getClass().getClassLoader());
        assertThat(found.source("system")).isInstanceOf(SystemSourceProvider.class);
    }

    @Test
    void diskSpaceDefaultsToTheDataDirectoryAndProcRootResolvesAgainstTheConfig() throws Exception {
        Context context = new Context("host", dataDir, Path.of("src/test/resources").toAbsolutePath());
        PolledSource source = (PolledSource) provider.create(new SystemConfig("proc", null, List.of("eth0")), context);
        List<Reading> readings = source.poll(Deadline.after(Duration.ofSeconds(5), Clock.systemUTC()));
        assertThat(readings).filteredOn(r -> r.metric().equals("disk.total"))
                .singleElement().extracting(Reading::tags).isEqualTo(Map.of("path", dataDir.toString()));
        assertThat(readings).filteredOn(r -> r.metric().equals("process.threads"))
                .singleElement().extracting(r -> r.value().toString()).isEqualTo("Int[value=23]");
    }

    @Test
    void problemsNameTheKey() {
        assertThat(provider.validate(new SystemConfig("/proc", null, List.of()))).isEmpty();
        assertThat(provider.validate(new SystemConfig(" ", "", List.of("eth0", "eth0", "lo:1")))).containsExactly(
                new ConfigProblem("proc_root", "must not be empty; leave it out for /proc"),
                new ConfigProblem("disk_path", "must not be empty; leave it out for the agent's data directory"),
                new ConfigProblem("interfaces.1", "\"eth0\" is listed twice"),
                new ConfigProblem("interfaces.2", "\"lo:1\" is not an interface name"));
    }

    @Test
    void theExampleConfigLoads() throws Exception {
        LoadedConfig config = ConfigLoader.load(Path.of("example.yaml"), Map.of(),
                PluginRegistry.of(List.of(provider), List.of(new StdoutStandIn())));
        assertThat(config.sources()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.provider()).isSameAs(provider);
            assertThat(provider.validate((SystemConfig) s.config())).isEmpty();
        });
    }

    @Test
    void theReadmeDocumentsEveryKeyAndEveryMetric() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (RecordComponent c : SystemConfig.class.getRecordComponents()) {
            assertThat(readme).contains("`" + c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT) + "`");
        }
        Context context = new Context("host", dataDir, Path.of("src/test/resources").toAbsolutePath());
        PolledSource source = (PolledSource) provider.create(new SystemConfig("proc", null, List.of()), context);
        for (Reading r : source.poll(Deadline.after(Duration.ofSeconds(5), Clock.systemUTC()))) {
            assertThat(readme).as("README documents %s", r.metric()).contains("`" + r.metric() + "`");
        }
        assertThat(readme).contains("`cpu.utilization`"); // absent from a first poll of unchanging fixtures
    }
}
