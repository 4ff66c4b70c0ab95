package dev.ferry.source.simulated.internal;

import dev.ferry.api.Value;
import dev.ferry.source.simulated.SignalConfig;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The value of one signal at a read. Periodic shapes are pure functions of the clock time, so two sources with the
 * same config agree at the same instant; random-walk and counter carry state from read to read. Not thread-safe:
 * a polled source is never read concurrently.
 */
abstract sealed class Signal {

    static Signal of(SignalConfig config, RandomGenerator random) {
        return switch (config.shape()) {
            case SINE -> new Sine(config);
            case SQUARE -> new Square(config);
            case STEP -> new Step(config);
            case RANDOM_WALK -> new RandomWalk(config, random);
            case COUNTER -> new Counter(config);
        };
    }

    abstract Value next(Instant time);

    /** Where {@code time} falls within the signal's period, in [0, 1). */
    static double phase(Instant time, long periodNanos) {
        return (double) Math.floorMod(epochNanos(time), periodNanos) / periodNanos;
    }

    static long epochNanos(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    }

    static final class Sine extends Signal {
        private final SignalConfig c;

        Sine(SignalConfig c) {
            this.c = c;
        }

        @Override
        Value next(Instant time) {
            return Value.of(c.offset() + c.amplitude() * Math.sin(2 * Math.PI * phase(time, c.period().toNanos())));
        }
    }

    static final class Square extends Signal {
        private final SignalConfig c;

        Square(SignalConfig c) {
            this.c = c;
        }

        @Override
        Value next(Instant time) {
            boolean high = phase(time, c.period().toNanos()) < 0.5;
            return Value.of(high ? c.offset() + c.amplitude() : c.offset() - c.amplitude());
        }
    }

    static final class Step extends Signal {
        private final SignalConfig c;
        private final long stairs;

        Step(SignalConfig c) {
            this.c = c;
            this.stairs = (long) Math.floor(c.amplitude() / c.step()) + 1;
        }

        @Override
        Value next(Instant time) {
            long stair = Math.floorMod(Math.floorDiv(epochNanos(time), c.period().toNanos()), stairs);
            return Value.of(c.offset() + stair * c.step());
        }
    }

    static final class RandomWalk extends Signal {
        private final SignalConfig c;
        private final RandomGenerator random;
        private double value;
        private boolean started;

        RandomWalk(SignalConfig c, RandomGenerator random) {
            this.c = c;
            this.random = random;
            this.value = c.offset();
        }

        @Override
        Value next(Instant time) {
            if (started) {
                double moved = value + random.nextDouble(-c.step(), c.step());
                value = Math.clamp(moved, c.offset() - c.amplitude(), c.offset() + c.amplitude());
            }
            started = true;
            return Value.of(value);
        }
    }

    static final class Counter extends Signal {
        private final long step;
        private long value;

        Counter(SignalConfig c) {
            this.step = (long) c.step();
            this.value = (long) c.offset();
        }

        @Override
        Value next(Instant time) {
            long current = value;
            value += step;
            return Value.of(current);
        }
    }
}
