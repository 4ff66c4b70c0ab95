package dev.ferry.mqtt.internal;

import dev.ferry.mqtt.MqttPublishRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread of one connection. It drains the queue into one reused buffer and writes the buffer to the socket
 * when the queue runs empty (or the buffer holds {@value #SEND_AT} bytes), so publishes that queue up while a write is
 * in progress leave together: one system call and, with TLS, few records for many small packets.
 */
final class WriterLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WriterLoop.class);
    private static final int SEND_AT = 32 * 1024;
    private static final int KEEP = 16 * 1024;

    private final ClientConnection c;
    private final OutputStream out;
    private final WireWriter buffer;
    private final List<Outbound.PublishOp> writtenQos0 = new ArrayList<>(); // complete once actually sent

    WriterLoop(ClientConnection connection, OutputStream out, WireWriter buffer) {
        this.c = connection;
        this.out = out;
        this.buffer = buffer;
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (IOException e) {
            c.end(Endings.lost("writing to the broker failed", e), null); // no effect when the socket was closed on purpose
        } catch (InterruptedException e) {
            c.end(Endings.internal(e), null);
        } catch (Throwable t) {
            c.end(Endings.internal(t), null);
        } finally {
            c.sweep(writtenQos0);
        }
    }

    private void loop() throws IOException, InterruptedException {
        while (true) {
            Outbound item = c.outbox.queue.take();
            do {
                switch (item) {
                    case Outbound.Stop stop -> {
                        return;
                    }
                    case Outbound.Goodbye goodbye -> {
                        PacketEncoder.encode(goodbye.packet(), c.version(), buffer);
                        send();
                        c.closeGracefully();
                        return;
                    }
                    default -> {
                        if (c.isOpen()) {
                            write(item);
                        } else {
                            c.outbox.fail(item, c.lost());
                        }
                    }
                }
                if (buffer.size() >= SEND_AT) {
                    send();
                }
            } while ((item = c.outbox.queue.poll()) != null);
            send();
        }
    }

    private void write(Outbound item) {
        switch (item) {
            case Outbound.PublishOp op -> {
                int id = op.message().qos() == 0 ? 0 : c.outbox.inFlight.register(op);
                if (op.message().qos() > 0 && id == 0) {
                    c.outbox.fail(op, new IllegalStateException("no free packet identifier"));
                    return;
                }
                if (encode(op, id, new Packet.Publish(op.message(), id, false)) && id == 0) {
                    writtenQos0.add(op);
                }
            }
            case Outbound.SubscribeOp op -> {
                int id = c.outbox.inFlight.register(op);
                if (id == 0) {
                    c.outbox.fail(op, new IllegalStateException("too many subscribe requests in flight"));
                    return;
                }
                encode(op, id, new Packet.Subscribe(id, op.subscriptions(), Properties.NONE));
            }
            case Outbound.UnsubscribeOp op -> {
                int id = c.outbox.inFlight.register(op);
                if (id == 0) {
                    c.outbox.fail(op, new IllegalStateException("too many unsubscribe requests in flight"));
                    return;
                }
                encode(op, id, new Packet.Unsubscribe(id, op.filters(), Properties.NONE));
            }
            case Outbound.Control control -> PacketEncoder.encode(control.packet(), c.version(), buffer);
            case Outbound.Goodbye goodbye -> throw new IllegalStateException("handled by the loop");
            case Outbound.Stop stop -> throw new IllegalStateException("handled by the loop");
        }
    }

    /** Encodes an operation's packet; or takes it back, fails it and returns false when it may not be sent. */
    private boolean encode(Outbound op, int id, Packet packet) {
        int mark = buffer.size();
        try {
            int size = PacketEncoder.encode(packet, c.version(), buffer);
            if (size > c.connack().maximumPacketSize()) {
                String topic = op instanceof Outbound.PublishOp p ? p.message().topic() : "";
                throw new MqttPublishRejectedException(topic, 0x95, "the packet of " + size
                        + " bytes exceeds the broker's maximum packet size of " + c.connack().maximumPacketSize() + " bytes");
            }
            return true;
        } catch (MqttPublishRejectedException | RuntimeException e) {
            buffer.truncate(mark);
            if (id != 0) {
                c.outbox.inFlight.take(id, Outbound.class);
            }
            if (e instanceof RuntimeException) {
                LOG.warn("MQTT client could not encode {}: {}", packet.type(), e.toString());
            }
            c.outbox.fail(op, e);
            return false;
        }
    }

    private void send() throws IOException {
        if (buffer.size() == 0) {
            return;
        }
        buffer.drainTo(out, KEEP);
        c.lastSentNanos = System.nanoTime();
        for (Outbound.PublishOp op : writtenQos0) {
            c.outbox.completePublish(op);
        }
        writtenQos0.clear();
    }
}
