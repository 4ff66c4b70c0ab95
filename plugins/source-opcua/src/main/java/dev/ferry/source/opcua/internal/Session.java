package dev.ferry.source.opcua.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.Nullable;
import dev.ferry.api.Reading;
import dev.ferry.source.opcua.ItemMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the source does on one connected client: names the items that have no metric by their browse names,
 * keeps the subscription of the subscribed items, and reads the polled items in one Read request.
 */
final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    final OpcUaClient client;
    private final String name;
    private final List<Item> items;
    private final List<Item> polled;
    private final List<NodeId> polledIds;
    private final Duration timeout;
    private final ValueMapper mapper;
    private @Nullable ItemSubscription subscription;
    private @Nullable SessionActivityListener watcher;

    Session(String name, OpcUaClient client, List<Item> items, Duration timeout, ValueMapper mapper) {
        this.name = name;
        this.client = client;
        this.items = items;
        this.polled = items.stream().filter(i -> i.config.mode() == ItemMode.POLL).toList();
        this.polledIds = polled.stream().map(i -> i.nodeId).toList();
        this.timeout = timeout;
        this.mapper = mapper;
    }

    boolean hasPolledItems() {
        return !polled.isEmpty();
    }

    /** Names the items, then subscribes; a failure to subscribe is a transient fault of the whole source. */
    void open(Duration publishingInterval, Emitter out, Runnable recreateNeeded) throws UaException, InterruptedException {
        nameItems();
        List<Item> subscribed = items.stream().filter(i -> i.config.mode() == ItemMode.SUBSCRIBE).toList();
        if (!subscribed.isEmpty()) {
            subscription = new ItemSubscription(name, client, publishingInterval, subscribed, mapper, out, recreateNeeded);
            subscription.createOnServer();
        }
    }

    /** True when the server lost the subscription and it has not been made again yet. */
    boolean subscriptionLost() {
        return subscription != null && subscription.lost();
    }

    void recreateSubscription() throws UaException {
        if (subscription != null) {
            subscription.createOnServer();
        }
    }

    /** Reads every polled item in one request and emits the good values. */
    void poll(Emitter out) throws UaException, InterruptedException, TimeoutException {
        List<DataValue> values;
        try {
            values = client.readValuesAsync(0.0, TimestampsToReturn.Both, polledIds)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw UaException.extract(e).orElseGet(() -> new UaException(e.getCause()));
        }
        List<Reading> readings = new ArrayList<>(values.size());
        for (int i = 0; i < polled.size() && i < values.size(); i++) {
            mapper.map(polled.get(i), values.get(i), readings, out::malformed);
        }
        if (!readings.isEmpty()) {
            out.emit(readings);
        }
    }

    /** Reads the browse names of items without a metric, once per source; a name already in use keeps the node id. */
    private void nameItems() throws InterruptedException {
        List<Item> unnamed = items.stream().filter(Item::needsBrowseName).toList();
        if (unnamed.isEmpty()) {
            return;
        }
        List<ReadValueId> reads = unnamed.stream()
                .map(i -> new ReadValueId(i.nodeId, AttributeId.BrowseName.uid(), null, QualifiedName.NULL_VALUE))
                .toList();
        DataValue[] results;
        try {
            results = client.readAsync(0.0, TimestampsToReturn.Neither, reads)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).getResults();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("source {}: cannot read browse names ({}); metrics are named by node id", name,
                    ConnectFailures.unwrap(e).getMessage());
            unnamed.forEach(i -> i.useMetric(i.nodeText));
            return;
        }
        Set<String> taken = new HashSet<>();
        items.stream().filter(i -> !i.needsBrowseName()).forEach(i -> taken.add(i.metric()));
        for (int i = 0; i < unnamed.size(); i++) {
            Item item = unnamed.get(i);
            Object value = results != null && i < results.length ? results[i].getValue().getValue() : null;
            String browseName = value instanceof QualifiedName q ? q.name() : null;
            item.useMetric(browseName != null && !browseName.isBlank() && taken.add(browseName) ? browseName : item.nodeText);
        }
    }

    /** Tells {@code listener} when the session goes inactive and active again, until {@link #close}. */
    void watch(SessionActivityListener listener) {
        watcher = listener;
        client.addSessionActivityListener(listener);
    }

    /** Ends the session on the server (which deletes the subscription), waiting a little for the goodbye. */
    void close() {
        SessionActivityListener listener = watcher;
        if (listener != null) {
            client.removeSessionActivityListener(listener); // our own goodbye is not a lost connection
        }
        try {
            client.disconnectAsync().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("source {}: disconnect: {}", name, e.toString());
        }
    }
}
