package dev.ferry.source.simulated;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import java.time.Duration;

/** One simulated signal: one reading per read, its metric named after the signal. */
public record SignalConfig(
        @Doc("The metric name of the signal's readings; unique within the source.") String name,
        @Doc("Waveform: sine, square, step, random-walk or counter.") @Default("sine") Shape shape,
        @Doc("Swing around offset, in the signal's unit: the peak of sine and square, the height of the step "
                + "staircase, the bound of random-walk. Unused by counter.") @Default("1") @Min("0") double amplitude,
        @Doc("Length of one cycle of sine and square, and of one stair of step.") @Default("1m") @Positive Duration period,
        @Doc("Centre (sine, square, random-walk start) or base (step, counter start) of the signal.") @Default("0") double offset,
        @Doc("Stair height of step, largest move per read of random-walk, increment per read of counter "
                + "(a whole number).") @Default("1") double step,
        @Doc("Unit of the values, e.g. Cel, kPa, %; none when left out.") @Nullable String unit,
        @Doc("Faults to inject; none when left out.") @Nullable FaultConfig faults) {

    /** The signal a source without {@code signals} produces. */
    public static SignalConfig defaultSignal() {
        return new SignalConfig("value", Shape.SINE, 1, Duration.ofMinutes(1), 0, 1, null, null);
    }

    /** The unit written on readings: empty when there is none. */
    public String unitOrNone() {
        return unit == null ? "" : unit;
    }

    public FaultConfig faultsOrNone() {
        return faults == null ? FaultConfig.NONE : faults;
    }
}
