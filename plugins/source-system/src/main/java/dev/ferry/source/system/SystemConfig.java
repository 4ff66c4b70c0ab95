package dev.ferry.source.system;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import java.util.List;

/** The keys of a {@code type: system} source. */
public record SystemConfig(
        @Doc("Where the proc file system is mounted; only tests and containers with a host /proc elsewhere change it.")
                @Default("/proc") String procRoot,
        @Doc("A path on the file system whose disk space to report; the agent's data directory when left out.")
                @Nullable String diskPath,
        @Doc("Network interfaces to report, e.g. [eth0, wlan0]; every interface but lo when empty.")
                @Default("[]") List<String> interfaces) {

    public SystemConfig {
        interfaces = List.copyOf(interfaces);
    }
}
