package dev.ferry.source.opcua.internal;

import dev.ferry.api.Nullable;
import dev.ferry.source.opcua.ItemConfig;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/** One configured item with its node id in the stack's form and its metric name once known. */
final class Item {

    final ItemConfig config;
    final NodeId nodeId;
    final String nodeText;
    private volatile @Nullable String metric;

    Item(ItemConfig config) {
        NodeIdText text = NodeIdText.parse(config.node());
        this.config = config;
        this.nodeText = text.toString();
        this.nodeId = switch (text.kind()) {
            case 'i' -> new NodeId(text.namespace(), UInteger.valueOf(Long.parseLong(text.identifier())));
            case 's' -> new NodeId(text.namespace(), text.identifier());
            case 'g' -> new NodeId(text.namespace(), UUID.fromString(text.identifier()));
            case 'b' -> new NodeId(text.namespace(), ByteString.of(Base64.getDecoder().decode(text.identifier())));
            default -> throw new IllegalArgumentException("unknown node id kind " + text.kind());
        };
        this.metric = config.metric();
    }

    /** The metric name: configured, else the browse name once read, else the node id. */
    String metric() {
        String known = metric;
        return known == null ? nodeText : known;
    }

    boolean needsBrowseName() {
        return metric == null;
    }

    void useMetric(String name) {
        metric = name;
    }

    @Override
    public String toString() {
        return metric() + " (" + nodeText + ")";
    }
}
