package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttPublishRejectedException;
import dev.ferry.mqtt.MqttVersion;
import java.io.EOFException;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * The reader thread of one connection: reads packets until the connection ends, completes the operations they
 * acknowledge, hands received messages to the subscription handlers and queues their PUBACK.
 */
final class ReaderLoop implements Runnable {

    private final ClientConnection c;
    private final PacketReader reader;

    ReaderLoop(ClientConnection connection, PacketReader reader) {
        this.c = connection;
        this.reader = reader;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Packet packet = reader.read(c.version());
                if (packet == null) {
                    c.end(Endings.lost("the broker closed the connection without DISCONNECT", null), null);
                    return;
                }
                c.lastReceivedNanos = System.nanoTime();
                if (!dispatch(packet)) {
                    return;
                }
            }
        } catch (MalformedPacketException e) {
            c.endWithProtocolError(e);
        } catch (EOFException e) {
            c.end(Endings.lost("the broker closed the connection in the middle of a packet", e), null);
        } catch (IOException e) {
            c.end(Endings.lost("reading from the broker failed", e), null); // no effect when we closed the socket ourselves
        } catch (Throwable t) {
            c.end(Endings.internal(t), null);
        }
    }

    /** Handles one packet; false once the broker ended the connection. */
    private boolean dispatch(Packet packet) throws MalformedPacketException {
        switch (packet) {
            case Packet.Ack ack when ack.type() == PacketType.PUBACK -> puback(ack);
            case Packet.Publish publish -> received(publish);
            case Packet.Suback suback -> suback(suback);
            case Packet.Unsuback unsuback -> unsuback(unsuback);
            case Packet.PingResp pong -> { }
            case Packet.Disconnect disconnect -> {
                c.end(Endings.byServer(disconnect), null);
                return false;
            }
            default -> throw MalformedPacketException.protocolError("unexpected " + packet.type() + " from the broker");
        }
        return true;
    }

    private void puback(Packet.Ack ack) throws MalformedPacketException {
        Outbound.PublishOp op = c.outbox.inFlight.take(ack.packetId(), Outbound.PublishOp.class);
        if (op == null) {
            throw MalformedPacketException.protocolError("PUBACK for packet identifier " + ack.packetId() + ", which no PUBLISH waits for");
        }
        if (ack.reasonCode() >= 0x80) {
            c.outbox.fail(op, new MqttPublishRejectedException(op.message().topic(), ack.reasonCode(),
                    ack.properties().string(PropertyId.REASON_STRING)));
        } else {
            c.outbox.completePublish(op);
        }
    }

    private void received(Packet.Publish publish) {
        c.subscriptions.deliver(publish.message());
        if (publish.message().qos() == 1) {
            c.enqueue(new Outbound.Control(new Packet.Ack(PacketType.PUBACK, publish.packetId(), 0, Properties.NONE)));
        }
    }

    private void suback(Packet.Suback suback) throws MalformedPacketException {
        Outbound.SubscribeOp op = c.outbox.inFlight.take(suback.packetId(), Outbound.SubscribeOp.class);
        if (op == null || op.subscriptions().size() != suback.reasonCodes().size()) {
            throw MalformedPacketException.protocolError("SUBACK for packet identifier " + suback.packetId()
                    + " matches no SUBSCRIBE or has the wrong number of reason codes");
        }
        for (int i = 0; i < op.subscriptions().size(); i++) {
            if (suback.reasonCodes().get(i) >= 0x80) {
                c.subscriptions.remove(op.subscriptions().get(i).filter(), op.handler());
            }
        }
        op.done().complete(suback.reasonCodes());
    }

    private void unsuback(Packet.Unsuback unsuback) throws MalformedPacketException {
        Outbound.UnsubscribeOp op = c.outbox.inFlight.take(unsuback.packetId(), Outbound.UnsubscribeOp.class);
        boolean v5 = c.version() == MqttVersion.V5;
        if (op == null || (v5 && op.filters().size() != unsuback.reasonCodes().size())) {
            throw MalformedPacketException.protocolError("UNSUBACK for packet identifier " + unsuback.packetId()
                    + " matches no UNSUBSCRIBE or has the wrong number of reason codes");
        }
        op.filters().forEach(c.subscriptions::removeAll);
        op.done().complete(v5 ? unsuback.reasonCodes() : Collections.nCopies(op.filters().size(), 0));
    }
}
