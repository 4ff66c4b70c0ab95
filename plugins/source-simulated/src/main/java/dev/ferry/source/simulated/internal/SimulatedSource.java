package dev.ferry.source.simulated.internal;

import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.source.simulated.SignalConfig;
import dev.ferry.source.simulated.SimulatedConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Produces one reading per signal at each poll, timed by the runtime's clock. Everything random comes from the
 * seed, split per signal in config order, so a config always yields the same readings for the same poll times.
 */
public final class SimulatedSource implements PolledSource {

    private record Channel(SignalConfig config, Signal signal, FaultInjector faults) {}

    private final String name;
    private final Clock clock;
    private final List<Channel> channels = new ArrayList<>();

    public SimulatedSource(String name, SimulatedConfig config, Clock clock) {
        this.name = name;
        this.clock = clock;
        SplittableRandom root = new SplittableRandom(config.seed());
        for (SignalConfig signal : config.signalsOrDefault()) {
            SplittableRandom values = root.split();
            SplittableRandom faults = root.split();
            channels.add(new Channel(signal, Signal.of(signal, values), new FaultInjector(signal.name(), signal.faultsOrNone(), faults)));
        }
    }

    @Override
    public List<Reading> poll(Deadline deadline) throws IOException, MalformedDataException, InterruptedException {
        for (Channel channel : channels) {
            channel.faults().beforeRead();
        }
        Instant now = clock.instant();
        List<Reading> readings = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            readings.add(Reading.of(name, channel.config().name(), channel.signal().next(now), channel.config().unitOrNone(), now));
        }
        return readings;
    }
}
