package dev.ferry.source.modbus.internal;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import dev.ferry.source.modbus.TcpConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/** Modbus TCP to {@code host:port}. */
public final class TcpLink extends ModbusLink {

    private final TcpConfig config;
    private final Duration timeout;

    public TcpLink(TcpConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    @Override
    protected Connection newConnection() {
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(t -> {
            t.setHostname(config.host());
            t.setPort(config.port());
            t.setConnectTimeout(timeout);
            // One connection per attempt, never reconnected behind our back: see ModbusLink.
            t.setConnectPersistent(false);
            t.setReconnectLazy(true);
        });
        CompletableFuture<Void> lost = new CompletableFuture<>();
        transport.addConnectionListener(new NettyTcpClientTransport.ConnectionListener() {
            @Override
            public void onConnection() {}

            @Override
            public void onConnectionLost() {
                lost.complete(null);
            }
        });
        return new Connection(ModbusTcpClient.create(transport, c -> c.setRequestTimeout(timeout)), lost,
                IntUnaryOperator.identity());
    }

    @Override
    public String peer() {
        return config.host() + ":" + config.port();
    }
}
