package dev.ferry.source.opcua;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Min;
import java.time.Duration;
import java.util.Map;

/** One OPC UA variable to read. */
public record ItemConfig(
        @Doc("The node id, e.g. ns=2;s=Boiler.Temperature, ns=2;i=1001, i=2258.") String node,
        @Doc("The metric name of the readings; the node's browse name when left out (the node id if that cannot "
                + "be read).") @Nullable String metric,
        @Doc("Unit written on the readings, e.g. Cel; none when left out.") @Nullable String unit,
        @Doc("Labels added to this item's readings.") @Default("{}") Map<String, String> tags,
        @Doc("subscribe (the server reports changes) or poll (read every poll_interval).")
                @Default("subscribe") ItemMode mode,
        @Doc("How often the server samples the value of a subscribed item; the publishing interval when left out.")
                @Nullable Duration samplingInterval,
        @Doc("How many changes the server keeps for a subscribed item between two publishes.")
                @Default("1") @Min("1") int queueSize,
        @Doc("Changes smaller than this are not reported (subscribed items only).") @Nullable DeadbandConfig deadband) {

    public ItemConfig {
        tags = Map.copyOf(tags);
    }

    /** An item with every optional key left out. */
    public static ItemConfig of(String node) {
        return new ItemConfig(node, null, null, Map.of(), ItemMode.SUBSCRIBE, null, 1, null);
    }

    public String unitOrNone() {
        return unit == null ? "" : unit;
    }
}
