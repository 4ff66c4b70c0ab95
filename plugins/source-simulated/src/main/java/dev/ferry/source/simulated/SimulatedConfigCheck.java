package dev.ferry.source.simulated;

import dev.ferry.api.ConfigProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checks of a simulated source's config that binding alone cannot make. */
final class SimulatedConfigCheck {

    private SimulatedConfigCheck() {}

    static List<ConfigProblem> problems(SimulatedConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.signals().size(); i++) {
            SignalConfig signal = config.signals().get(i);
            String at = "signals." + i + ".";
            if (signal.name().isBlank()) {
                problems.add(new ConfigProblem(at + "name", "must not be empty; it is the metric name of the readings"));
            } else if (!names.add(signal.name())) {
                problems.add(new ConfigProblem(at + "name", "duplicate signal name \"" + signal.name()
                        + "\"; each signal needs its own name, as it becomes the metric name"));
            }
            if (!signal.period().isPositive()) {
                problems.add(new ConfigProblem(at + "period", "must be > 0, was " + written(signal.period())));
            }
            if (!(signal.amplitude() >= 0) || Double.isInfinite(signal.amplitude())) {
                problems.add(new ConfigProblem(at + "amplitude", "must be a finite number >= 0, was " + signal.amplitude()));
            }
            checkStep(signal, at, problems);
            checkFaults(signal.faultsOrNone(), at + "faults", problems);
        }
        return problems;
    }

    private static void checkStep(SignalConfig signal, String at, List<ConfigProblem> problems) {
        switch (signal.shape()) {
            case STEP, RANDOM_WALK -> {
                if (!(signal.step() > 0) || Double.isInfinite(signal.step())) {
                    problems.add(new ConfigProblem(at + "step", "must be > 0 for shape " + kebab(signal.shape())
                            + ", was " + signal.step()));
                }
            }
            case COUNTER -> {
                if (!isWhole(signal.step())) {
                    problems.add(new ConfigProblem(at + "step", "must be a whole number for shape counter, was " + signal.step()));
                }
                if (!isWhole(signal.offset())) {
                    problems.add(new ConfigProblem(at + "offset", "must be a whole number for shape counter, was " + signal.offset()));
                }
            }
            case SINE, SQUARE -> { }
        }
    }

    private static void checkFaults(FaultConfig faults, String at, List<ConfigProblem> problems) {
        boolean ratesValid = rate(faults.errorRate(), at + ".error_rate", problems)
                & rate(faults.hangRate(), at + ".hang_rate", problems)
                & rate(faults.malformedRate(), at + ".malformed_rate", problems);
        double sum = faults.errorRate() + faults.hangRate() + faults.malformedRate();
        if (ratesValid && sum > 1.0 + 1e-9) {
            problems.add(new ConfigProblem(at, "error_rate + hang_rate + malformed_rate must be at most 1, was " + sum
                    + "; a read has at most one fault"));
        }
        if (!faults.hangFor().isPositive()) {
            problems.add(new ConfigProblem(at + ".hang_for", "must be > 0, was " + written(faults.hangFor())));
        }
    }

    private static boolean rate(double value, String key, List<ConfigProblem> problems) {
        if (value >= 0 && value <= 1) {
            return true;
        }
        problems.add(new ConfigProblem(key, "must be between 0 and 1, was " + value));
        return false;
    }

    private static boolean isWhole(double value) {
        return Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 0x1p53;
    }

    private static String kebab(Shape shape) {
        return shape.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Close to how the file writes it: {@code PT-5S} becomes {@code -5s}. */
    private static String written(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
