package dev.ferry.testkit.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A child process with everything it started. A start script that runs its program as its own child (as
 * {@code rabbitmq-server} runs the Erlang VM) would leave that program running if only the script were killed.
 * Descendants are remembered by {@link ProcessHandle}, which knows a process's start time, so a reused PID is never
 * signalled.
 */
final class ProcessTree {

    private ProcessTree() {}

    /** The process and all its descendants now. */
    static List<ProcessHandle> of(Process root) {
        return Stream.concat(Stream.of(root.toHandle()), root.descendants()).toList();
    }

    /**
     * SIGTERM to the root, so it can shut down in order, and up to {@code limit} for it to exit; then SIGKILL to
     * whatever of the tree is still alive, and up to {@code limit} again until it is gone.
     */
    static void stop(Process root, Duration limit) throws InterruptedException {
        List<ProcessHandle> tree = of(root);
        root.destroy();
        root.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
        kill(tree);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException leftBehind) {
                // SIGKILL cannot be refused; a process still there is stuck in the kernel, and waiting more won't help
            }
        }
    }

    /** SIGKILL to the root and everything it started, without waiting. */
    static void kill(Process root) {
        kill(of(root));
    }

    private static void kill(List<ProcessHandle> tree) {
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
