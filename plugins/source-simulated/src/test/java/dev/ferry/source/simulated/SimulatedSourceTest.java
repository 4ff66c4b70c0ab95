package dev.ferry.source.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import dev.ferry.api.PolledSource;
import dev.ferry.api.Reading;
import dev.ferry.api.Value;
import dev.ferry.runtime.time.ManualTicker;
import dev.ferry.source.simulated.internal.SimulatedSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedSourceTest {

    private final ManualTicker ticker = new ManualTicker(); // 2025-01-01T00:00:00Z: a whole minute, phase 0
    private final Instant t0 = ticker.now();

    @Test
    void noSignalsMeansOneSineNamedValue() throws Exception {
        List<Reading> readings = source(new SimulatedConfig(1, List.of())).poll(deadline());
        assertThat(readings).containsExactly(Reading.of("sim", "value", Value.of(0.0), "", t0));
    }

    @Test
    void sineFollowsTheClock() throws Exception {
        PolledSource sine = single(signal("t", Shape.SINE, 2, Duration.ofSeconds(60), 20, 1));
        assertThat(numbersAt(sine, 0, 15, 30, 45, 60)).satisfiesExactly(
                v -> assertThat(v).isCloseTo(20, within(1e-9)),
                v -> assertThat(v).isCloseTo(22, within(1e-9)),
                v -> assertThat(v).isCloseTo(20, within(1e-9)),
                v -> assertThat(v).isCloseTo(18, within(1e-9)),
                v -> assertThat(v).isCloseTo(20, within(1e-9)));
    }

    @Test
    void squareIsHighForTheFirstHalfOfEachPeriod() throws Exception {
        PolledSource square = single(signal("s", Shape.SQUARE, 1, Duration.ofSeconds(10), 5, 1));
        assertThat(numbersAt(square, 0, 4, 5, 9, 10)).containsExactly(6.0, 6.0, 4.0, 4.0, 6.0);
    }

    @Test
    void stepClimbsAStairEachPeriodUpToTheAmplitudeThenStartsAgain() throws Exception {
        PolledSource step = single(signal("st", Shape.STEP, 3, Duration.ofSeconds(10), 100, 1));
        assertThat(numbersAt(step, 0, 9, 10, 20, 30, 40)).containsExactly(100.0, 100.0, 101.0, 102.0, 103.0, 100.0);
    }

    @Test
    void counterCountsReadsInWholeNumbers() throws Exception {
        PolledSource counter = single(signal("c", Shape.COUNTER, 0, Duration.ofSeconds(1), 10, 5));
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            values.add(counter.poll(deadline()).getFirst().value());
        }
        assertThat(values).containsExactly(Value.of(10L), Value.of(15L), Value.of(20L), Value.of(25L));
    }

    @Test
    void randomWalkMovesAtMostAStepPerReadAndStaysWithinItsBounds() throws Exception {
        PolledSource walk = single(signal("w", Shape.RANDOM_WALK, 1, Duration.ofSeconds(1), 50, 0.3));
        double previous = Double.NaN;
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double v = number(walk.poll(deadline()).getFirst());
            if (i == 0) {
                assertThat(v).isEqualTo(50.0);
            } else {
                assertThat(Math.abs(v - previous)).isLessThanOrEqualTo(0.3);
            }
            assertThat(v).isBetween(49.0, 51.0);
            values.add(v);
            previous = v;
        }
        assertThat(values.stream().distinct().count()).as("it does move").isGreaterThan(1000);
        assertThat(values).anySatisfy(v -> assertThat(v).isLessThan(49.5)).anySatisfy(v -> assertThat(v).isGreaterThan(50.5));
    }

    @Test
    void theSameSeedGivesTheSameReadingsAndAnotherSeedOthers() throws Exception {
        List<SignalConfig> signals = List.of(
                signal("a", Shape.RANDOM_WALK, 10, Duration.ofSeconds(1), 0, 1),
                signal("b", Shape.SINE, 1, Duration.ofSeconds(7), 0, 1),
                new SignalConfig("c", Shape.COUNTER, 0, Duration.ofSeconds(1), 0, 1, "", new FaultConfig(0.3, 0, Duration.ofHours(1), 0.2)));
        assertThat(run(new SimulatedConfig(7, signals))).isEqualTo(run(new SimulatedConfig(7, signals)));
        assertThat(run(new SimulatedConfig(7, signals))).isNotEqualTo(run(new SimulatedConfig(8, signals)));
    }

    @Test
    void readingsCarryTheSignalNameUnitAndClockTime() throws Exception {
        SimulatedSource source = source(new SimulatedConfig(1, List.of(
                new SignalConfig("temperature", Shape.SINE, 1, Duration.ofMinutes(1), 20, 1, "Cel", null),
                new SignalConfig("pulses", Shape.COUNTER, 0, Duration.ofMinutes(1), 0, 1, "", null))));
        ticker.advance(Duration.ofMillis(1500));
        List<Reading> readings = source.poll(deadline());
        assertThat(readings).extracting(Reading::metric).containsExactly("temperature", "pulses");
        assertThat(readings).extracting(Reading::unit).containsExactly("Cel", "");
        assertThat(readings).extracting(Reading::time).containsOnly(t0.plusMillis(1500));
        assertThat(readings).extracting(Reading::source).containsOnly("sim");
        assertThat(readings.get(0).value()).isInstanceOf(Value.Num.class);
        assertThat(readings.get(1).value()).isInstanceOf(Value.Int.class);
    }

    @Test
    void faultsComeAtTheirConfiguredRates() throws Exception {
        FaultConfig faults = new FaultConfig(0.2, 0.05, Duration.ofHours(1), 0.1);
        SimulatedSource source = source(new SimulatedConfig(11, List.of(
                new SignalConfig("v", Shape.SINE, 1, Duration.ofMinutes(1), 0, 1, "", faults))));
        int reads = 20_000;
        int errors = 0;
        int hangs = 0;
        int malformed = 0;
        int good = 0;
        for (int i = 0; i < reads; i++) {
            Thread.currentThread().interrupt(); // a hang then ends at once, with InterruptedException
            try {
                source.poll(deadline());
                good++;
            } catch (IOException e) {
                errors++;
            } catch (InterruptedException e) {
                hangs++;
            } catch (MalformedDataException e) {
                malformed++;
            } finally {
                Thread.interrupted();
            }
        }
        // 20 000 draws: four standard deviations is under 0.012 for any of these rates
        assertThat((double) errors / reads).isCloseTo(0.2, within(0.012));
        assertThat((double) hangs / reads).isCloseTo(0.05, within(0.012));
        assertThat((double) malformed / reads).isCloseTo(0.1, within(0.012));
        assertThat(good + errors + hangs + malformed).isEqualTo(reads);
    }

    @Test
    void aHangBlocksUntilInterrupted() throws Exception {
        SimulatedSource source = source(new SimulatedConfig(1, List.of(
                new SignalConfig("v", Shape.SINE, 1, Duration.ofMinutes(1), 0, 1, "", new FaultConfig(0, 1, Duration.ofHours(1), 0)))));
        List<Throwable> thrown = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                source.poll(deadline());
            } catch (Exception e) {
                thrown.add(e);
            }
        });
        assertThat(reader.join(Duration.ofMillis(200))).as("still hanging").isFalse();
        reader.interrupt();
        assertThat(reader.join(Duration.ofSeconds(10))).isTrue();
        assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
    }

    @Test
    void faultMessagesNameTheSignal() {
        SimulatedSource failing = source(new SimulatedConfig(1, List.of(
                new SignalConfig("flow", Shape.SINE, 1, Duration.ofMinutes(1), 0, 1, "", new FaultConfig(1, 0, Duration.ofHours(1), 0)))));
        assertThatThrownBy(() -> failing.poll(deadline())).isInstanceOf(IOException.class)
                .hasMessage("signal flow: simulated I/O error");
        SimulatedSource garbled = source(new SimulatedConfig(1, List.of(
                new SignalConfig("flow", Shape.SINE, 1, Duration.ofMinutes(1), 0, 1, "", new FaultConfig(0, 0, Duration.ofHours(1), 1)))));
        assertThatThrownBy(() -> garbled.poll(deadline())).isInstanceOf(MalformedDataException.class)
                .hasMessage("signal flow: simulated malformed frame");
    }

    private static List<String> run(SimulatedConfig config) throws InterruptedException {
        ManualTicker own = new ManualTicker();
        SimulatedSource source = new SimulatedSource("sim", config, own.clock());
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            own.advance(Duration.ofMillis(100));
            try {
                outcomes.add(source.poll(Deadline.after(Duration.ofSeconds(5), own.clock())).toString());
            } catch (IOException | MalformedDataException e) {
                outcomes.add(e.toString());
            }
        }
        return outcomes;
    }

    private List<Double> numbersAt(PolledSource source, int... seconds) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int s : seconds) {
            ticker.advanceTo(t0.plusSeconds(s));
            values.add(number(source.poll(deadline()).getFirst()));
        }
        return values;
    }

    private static double number(Reading reading) {
        return ((Value.Num) reading.value()).value();
    }

    private PolledSource single(SignalConfig signal) {
        return source(new SimulatedConfig(1, List.of(signal)));
    }

    private SimulatedSource source(SimulatedConfig config) {
        return new SimulatedSource("sim", config, ticker.clock());
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5), ticker.clock());
    }

    static SignalConfig signal(String name, Shape shape, double amplitude, Duration period, double offset, double step) {
        return new SignalConfig(name, shape, amplitude, period, offset, step, "", null);
    }
}
