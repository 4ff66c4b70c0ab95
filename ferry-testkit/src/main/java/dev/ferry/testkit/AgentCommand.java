package dev.ferry.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to launch the built agent: the JVM running the tests (a JDK 25) with the agent jar from
 * {@code ferry-agent/target}, whose manifest names its libraries, and the flags {@code bin/ferry} gives it; with
 * SIGHUP, SIGINT and SIGTERM at their defaults, whatever the build inherited.
 */
final class AgentCommand {

    private AgentCommand() {}

    static List<String> java() {
        String javaBin = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
        // env resets the signals a test sends to their defaults: a JVM leaves a signal ignored at its start ignored,
        // and a build started in the background by a shell passes SIGINT ignored down to every process it starts
        // and, as the launcher does, moves HotSpot's own use of SIGUSR2 (suspending threads) to another signal
        return List.of("env", "--default-signal=HUP,INT,TERM", "_JAVA_SR_SIGNUM=40", javaBin, "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xms8m", "-Xmx48m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=20",
                "-XX:TieredStopAtLevel=1", "-Djdk.reflect.useNativeAccessorOnly=true", "-jar", agentJar().toString());
    }

    static Path agentJar() {
        String configured = System.getProperty("ferry.agent.jar");
        Path jar = configured != null ? Path.of(configured) : findFromWorkingDirectory();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not found at " + jar + "; build it with bin/build first");
        }
        return jar.toAbsolutePath();
    }

    private static Path findFromWorkingDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("ferry-agent/target/ferry-agent.jar");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Path.of("ferry-agent/target/ferry-agent.jar");
    }
}
