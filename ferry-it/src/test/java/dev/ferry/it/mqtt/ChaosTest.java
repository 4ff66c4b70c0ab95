package dev.ferry.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run ({@link ChaosRunner}): short in the normal build (a few minutes), long with
 * {@code -Dferry.chaos=long} ({@code bin/chaos --long}). It asserts what is behaviour: nothing lost at any sink or
 * from the devices, nothing evicted or dead-lettered, nothing arrived changed. Recovery times and latency are measured figures: the table printed (and kept in
 * {@code target/chaos-summary-<mode>.md}) says whether they meet their targets, as a benchmark does.
 */
class ChaosTest {

    @TempDir
    Path work;

    @Test
    void nothingIsLostThroughAScheduleOfFaults() throws Exception {
        long seed = Long.getLong("ferry.chaos.seed", System.nanoTime() % 1_000_000);
        ChaosRunner.Plan plan = "long".equals(System.getProperty("ferry.chaos"))
                ? ChaosRunner.Plan.longRun(seed) : ChaosRunner.Plan.shortRun(seed);

        ChaosSummary summary = new ChaosRunner(work, plan).run();

        String table = summary.table();
        System.out.println(table);
        Files.writeString(Path.of("target", "chaos-summary-" + plan.name() + ".md"), table);
        assertThat(summary.missing()).as(table).isZero();
        assertThat(summary.evicted()).as(table).isZero();
        assertThat(summary.devicesMissing()).as(table).isZero();
        assertThat(summary.coapMissing()).as(table).isZero();
        assertThat(summary.deadLettered()).as(table).isZero();
        assertThat(summary.atCoapServer()).as(table).isPositive();
        assertThat(summary.fromDevices()).as(table).isPositive();
    }
}
