package dev.ferry.source.opcua;

import dev.ferry.runtime.time.Ticker;
import dev.ferry.api.Emitter;
import dev.ferry.api.Health;
import dev.ferry.api.HealthReporter;
import dev.ferry.api.PluginContext;
import dev.ferry.api.Reading;
import dev.ferry.api.StreamingSource;
import dev.ferry.runtime.config.SourceSettings;
import dev.ferry.runtime.health.HealthRegistry;
import dev.ferry.runtime.schedule.ScheduledSource;
import dev.ferry.runtime.schedule.SourceScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one opcua source the way the agent does (the runtime's scheduler, its restart backoff and health) and
 * records what reaches the log, every malformed report and every health change.
 */
final class Harness implements AutoCloseable {

    static final String NAME = "plant";
    static final String COMPONENT = SourceScheduler.component(NAME);

    final Path dataDir;
    final List<Reading> readings = new CopyOnWriteArrayList<>();
    final List<String> malformed = new CopyOnWriteArrayList<>();
    final List<Health> healthHistory = new CopyOnWriteArrayList<>();
    final HealthRegistry health = new HealthRegistry(Ticker.system());
    private final SourceScheduler scheduler;

    Harness(Path dataDir) {
        this.dataDir = dataDir;
        health.addListener((component, previous, current) -> {
            if (component.equals(COMPONENT)) {
                healthHistory.add(current);
            }
        });
        scheduler = new SourceScheduler(batch -> {
            readings.addAll(batch);
            return CompletableFuture.completedFuture(null);
        }, health);
    }

    void start(OpcUaConfig config) throws Exception {
        StreamingSource source = (StreamingSource) new OpcUaSourceProvider().create(config, context());
        SourceSettings settings = new SourceSettings("opcua", Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(5), Map.of(), 1000, Duration.ofMinutes(1));
        scheduler.start(new ScheduledSource(NAME, settings, new Recording(source)));
    }

    Health health() {
        return health.health(COMPONENT).orElseThrow();
    }

    List<Reading> readings(String metric) {
        return readings.stream().filter(r -> r.metric().equals(metric)).toList();
    }

    Path pki() {
        return dataDir.resolve("plugins").resolve(NAME).resolve("pki");
    }

    PluginContext context() {
        HealthReporter reporter = health.reporter(COMPONENT);
        return new PluginContext() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public String agentId() {
                return "gw-test";
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public Path resolve(String configuredPath) {
                return dataDir.resolve(configuredPath);
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public HealthReporter health() {
                return reporter;
            }
        };
    }

    @Override
    public void close() {
        scheduler.stopAll(Duration.ofSeconds(10));
    }

    /** Passes everything on to the runtime and keeps a copy of the malformed reports. */
    private final class Recording implements StreamingSource {

        private final StreamingSource source;

        Recording(StreamingSource source) {
            this.source = source;
        }

        @Override
        public void start(Emitter out) throws Exception {
            source.start(new Emitter() {
                @Override
                public CompletionStage<Void> emit(List<Reading> batch) throws InterruptedException {
                    return out.emit(batch);
                }

                @Override
                public void malformed(String what) {
                    malformed.add(what);
                    out.malformed(what);
                }
            });
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
