package dev.ferry.source.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What a Modbus source's health says when Netty, under the Modbus library, cannot connect. */
class CausesTest {

    @Test
    void aConnectionNettyCouldNotMakeReadsWithoutClassNames() throws Exception {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort)).await();
            Throwable refused = connect.cause();

            assertThat(refused.getClass().getName()).contains("AnnotatedConnectException");
            assertThat(Causes.describe(new CompletionException(refused)))
                    .isEqualTo("connection refused by 127.0.0.1:" + closedPort);
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).await();
        }
    }
}
