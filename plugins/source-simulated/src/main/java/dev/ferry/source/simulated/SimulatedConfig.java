package dev.ferry.source.simulated;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import java.util.List;

/** The keys of a {@code type: simulated} source. */
public record SimulatedConfig(
        @Doc("Seed of the random numbers behind random-walk and faults; the same seed gives the same readings.")
                @Default("1") long seed,
        @Doc("The signals to produce; one sine signal named value when empty.") @Default("[]") List<SignalConfig> signals) {

    public SimulatedConfig {
        signals = List.copyOf(signals);
    }

    /** The configured signals, or the single default one. */
    public List<SignalConfig> signalsOrDefault() {
        return signals.isEmpty() ? List.of(SignalConfig.defaultSignal()) : signals;
    }
}
