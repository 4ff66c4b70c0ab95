package dev.ferry.source.opcua.internal;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.HashedWheelTimer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;

/**
 * The threads every opcua source of the agent shares, instead of Milo's defaults (a pool per processor and an
 * unbounded cached pool): one platform thread for socket I/O, and virtual threads for callbacks, timers and the
 * request timeout wheel. Created when the first source starts and shut down when the last one closes, so an agent
 * whose opcua sources were all removed by a reload keeps none.
 */
final class MiloThreads {

    private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(5);

    private static MiloThreads shared;
    private static int users;

    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("opcua-callback-", 0).factory());
    private final ScheduledThreadPoolExecutor scheduler =
            new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("opcua-timer").factory());
    private final NioEventLoopGroup eventLoop = new NioEventLoopGroup(1, daemon("opcua-io"));
    private final HashedWheelTimer wheelTimer =
            new HashedWheelTimer(Thread.ofVirtual().name("opcua-timeouts").factory());

    private MiloThreads() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    static synchronized MiloThreads acquire() {
        if (shared == null) {
            shared = new MiloThreads();
        }
        users++;
        return shared;
    }

    /**
     * Each {@link #acquire} is matched by one release. The last release shuts the threads down after a grace
     * period: a client's goodbye still runs on them after its future completed, and a reload that replaces an
     * opcua source acquires them again at once.
     */
    static synchronized void release() {
        if (users > 0 && --users == 0) {
            MiloThreads threads = shared;
            Thread.ofVirtual().name("opcua-threads-release").start(() -> {
                try {
                    Thread.sleep(SHUTDOWN_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (MiloThreads.class) {
                    if (users == 0 && shared == threads) {
                        shared = null;
                        threads.shutdown();
                    }
                }
            });
        }
    }

    void configure(OpcTcpClientTransportConfigBuilder transport) {
        transport.setExecutor(executor)
                .setScheduledExecutor(scheduler)
                .setEventLoop(eventLoop)
                .setWheelTimer(wheelTimer);
    }

    private void shutdown() {
        wheelTimer.stop();
        scheduler.shutdownNow();
        executor.shutdown();
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
