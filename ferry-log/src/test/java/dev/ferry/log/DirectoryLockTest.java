package dev.ferry.log;

import static dev.ferry.log.LogFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.log.internal.SegmentFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's directory lock as another process sees it: held while the log is open, also after this process asked
 * whether the log is in use (a POSIX record lock is lost when the process closes any descriptor of the file, and
 * asking must not open it), and gone once the log is closed.
 */
class DirectoryLockTest {

    @Test
    void askingWhetherTheOpenLogIsInUseKeepsItLockedForOtherProcesses(@TempDir Path dir) throws Exception {
        try (DurableLog log = DurableLog.open(dir, LogFixtures.small(), "gw", CLOCK)) {
            assertThat(lockedForAnotherProcess(dir)).isTrue();

            assertThat(DurableLog.inUse(dir)).isTrue();
            assertThat(DurableLog.inUse(dir.resolve("../" + dir.getFileName()))).as("by another path").isTrue();
            assertThat(DirectoryLock.tryAcquire(SegmentFiles.lockFile(dir))).isNull();

            assertThat(lockedForAnotherProcess(dir)).as("still locked after asking").isTrue();
        }
        assertThat(lockedForAnotherProcess(dir)).isFalse();
        assertThat(DurableLog.inUse(dir)).isFalse();
        try (DurableLog again = DurableLog.open(dir, LogFixtures.small(), "gw", CLOCK)) {
            assertThat(lockedForAnotherProcess(dir)).as("the lock is taken again once released").isTrue();
        }
    }

    /** Whether a POSIX record lock on the log's lock file is refused to another process (Python's lockf). */
    private static boolean lockedForAnotherProcess(Path dir) throws Exception {
        Process probe = new ProcessBuilder("python3", "-c", """
                import fcntl, sys
                with open(sys.argv[1], 'a') as f:
                    try:
                        fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        print('free')
                    except OSError:
                        print('locked')
                """, SegmentFiles.lockFile(dir).toString()).redirectErrorStream(true).start();
        String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(answer).isIn("free", "locked");
        return answer.equals("locked");
    }
}
