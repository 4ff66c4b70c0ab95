package dev.ferry.source.opcua.testserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/** The test server's variables, under Objects: ns=2;s=<name> or ns=2;i=<number>. */
final class TestNamespace extends ManagedNamespaceWithLifecycle {

    static final String URI = "urn:ferry:test:namespace";

    private final SubscriptionModel subscriptionModel;
    private final Map<NodeId, UaVariableNode> variables = new ConcurrentHashMap<>();

    TestNamespace(OpcUaServer server, List<TestServer.Variable> initial) {
        super(server, URI);
        subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
        getLifecycleManager().addStartupTask(() -> initial.forEach(this::add));
    }

    NodeId nodeId(Object id) {
        return id instanceof Number n ? newNodeId(n.longValue()) : newNodeId(id.toString());
    }

    private void add(TestServer.Variable variable) {
        NodeId nodeId = nodeId(variable.id());
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(nodeId)
                .setAccessLevel(AccessLevel.READ_WRITE)
                .setUserAccessLevel(AccessLevel.READ_WRITE)
                .setBrowseName(newQualifiedName(variable.browseName()))
                .setDisplayName(LocalizedText.english(variable.browseName()))
                .setDataType(variable.dataType())
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .setValue(variable.value())
                .setMinimumSamplingInterval(0.0)
                .build();
        getNodeManager().addNode(node);
        node.addReference(new Reference(node.getNodeId(), NodeIds.Organizes,
                NodeIds.ObjectsFolder.expanded(), false));
        variables.put(nodeId, node);
    }

    void set(Object id, DataValue value) {
        UaVariableNode node = variables.get(nodeId(id));
        if (node == null) {
            throw new IllegalArgumentException("no variable " + id);
        }
        node.setValue(value);
    }

    static DataValue value(Object value) {
        return new DataValue(new Variant(value));
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }
}
