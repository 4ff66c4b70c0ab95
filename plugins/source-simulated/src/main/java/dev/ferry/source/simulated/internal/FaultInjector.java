package dev.ferry.source.simulated.internal;

import dev.ferry.api.MalformedDataException;
import dev.ferry.source.simulated.FaultConfig;
import java.io.IOException;
import java.util.random.RandomGenerator;

/**
 * Decides, with one seeded draw per read, whether a signal's read fails, hangs or answers garbage. The draw falls
 * in [0, 1): below error_rate an I/O error, then hang_rate a hang, then malformed_rate malformed data.
 */
final class FaultInjector {

    private final String signal;
    private final FaultConfig faults;
    private final RandomGenerator random;
    private final boolean none;

    FaultInjector(String signal, FaultConfig faults, RandomGenerator random) {
        this.signal = signal;
        this.faults = faults;
        this.random = random;
        this.none = faults.errorRate() == 0 && faults.hangRate() == 0 && faults.malformedRate() == 0;
    }

    /** Throws the fault this read draws, or hangs (interruptibly) and returns, or just returns. */
    void beforeRead() throws IOException, MalformedDataException, InterruptedException {
        if (none) {
            return;
        }
        double draw = random.nextDouble();
        if (draw < faults.errorRate()) {
            throw new IOException("signal " + signal + ": simulated I/O error");
        }
        draw -= faults.errorRate();
        if (draw < faults.hangRate()) {
            Thread.sleep(faults.hangFor());
            return;
        }
        draw -= faults.hangRate();
        if (draw < faults.malformedRate()) {
            throw new MalformedDataException("signal " + signal + ": simulated malformed frame");
        }
    }
}
