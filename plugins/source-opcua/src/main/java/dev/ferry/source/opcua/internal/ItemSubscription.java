package dev.ferry.source.opcua.internal;

import dev.ferry.api.Emitter;
import dev.ferry.api.Reading;
import dev.ferry.source.opcua.DeadbandConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The source's subscription and its monitored items. Notifications arrive on the subscription's delivery queue
 * (one at a time, in order) and are emitted as one batch per publish. When the server lost the subscription
 * (restarted, or the session expired) Milo's transfer fails and resets it; {@link #recreate} then makes it and its
 * items again on the new session, asked for through {@code recreateNeeded} from the source's own thread.
 */
final class ItemSubscription implements OpcUaSubscription.SubscriptionListener {

    private static final Logger log = LoggerFactory.getLogger(ItemSubscription.class);

    private final String name;
    private final OpcUaSubscription subscription;
    private final ValueMapper mapper;
    private final Emitter out;
    private final Runnable recreateNeeded;

    ItemSubscription(String name, OpcUaClient client, Duration publishingInterval, List<Item> items,
            ValueMapper mapper, Emitter out, Runnable recreateNeeded) {
        this.name = name;
        this.mapper = mapper;
        this.out = out;
        this.recreateNeeded = recreateNeeded;
        this.subscription = new OpcUaSubscription(client, publishingInterval.toNanos() / 1e6);
        subscription.setSubscriptionListener(this);
        for (Item item : items) {
            subscription.addMonitoredItem(monitoredItem(item, publishingInterval));
        }
    }

    /** Creates the subscription on the server, if it has none, and every item not yet created there. */
    void createOnServer() throws UaException {
        if (subscription.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
            subscription.create();
        }
        for (MonitoredItemServiceOperationResult result : subscription.createMonitoredItems()) {
            if (!result.isGood()) {
                StatusCode status = result.operationResult().filter(s -> !s.isGood()).orElse(result.serviceResult());
                Item item = (Item) result.monitoredItem().getUserObject().orElseThrow();
                out.malformed(item + ": the server refused to monitor it: " + StatusNames.name(status));
            }
        }
    }

    boolean lost() {
        return subscription.getSyncState() == OpcUaSubscription.SyncState.INITIAL;
    }

    @Override
    public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
        List<Reading> readings = new ArrayList<>(values.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = (Item) items.get(i).getUserObject().orElseThrow();
            mapper.map(item, values.get(i), readings, out::malformed);
        }
        if (readings.isEmpty()) {
            return;
        }
        try {
            out.emit(readings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the readings of a closed source are dropped
        }
    }

    @Override
    public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
        log.info("source {}: the server no longer has the subscription ({}); creating it again", name,
                StatusNames.name(status));
        recreateNeeded.run();
    }

    @Override
    public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
        log.info("source {}: subscription status {}", name, StatusNames.name(status));
        if (lost()) {
            recreateNeeded.run();
        }
    }

    @Override
    public void onNotificationDataLost(OpcUaSubscription s) {
        log.warn("source {}: the server dropped notifications (its queue overflowed or publishing lagged)", name);
    }

    private static OpcUaMonitoredItem monitoredItem(Item item, Duration publishingInterval) {
        OpcUaMonitoredItem monitored = OpcUaMonitoredItem.newDataItem(item.nodeId);
        Duration sampling = item.config.samplingInterval() == null ? publishingInterval : item.config.samplingInterval();
        monitored.setSamplingInterval(sampling.toNanos() / 1e6);
        monitored.setQueueSize(uint(item.config.queueSize()));
        monitored.setDiscardOldest(true);
        DeadbandConfig deadband = item.config.deadband();
        if (deadband != null) {
            boolean absolute = deadband.absolute() != null;
            monitored.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue,
                    uint((absolute ? DeadbandType.Absolute : DeadbandType.Percent).getValue()),
                    absolute ? deadband.absolute() : deadband.percent()));
        }
        monitored.setUserObject(item);
        return monitored;
    }
}
