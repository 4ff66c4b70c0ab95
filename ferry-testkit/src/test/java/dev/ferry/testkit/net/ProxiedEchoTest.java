package dev.ferry.testkit.net;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the {@link FaultProxy} tests share: a fresh echo server behind a fresh proxy for every test. */
abstract class ProxiedEchoTest {

    EchoServer server;
    FaultProxy proxy;

    @BeforeEach
    void startEchoBehindProxy() throws IOException {
        server = new EchoServer();
        proxy = FaultProxy.start(server.address());
    }

    @AfterEach
    void stopEchoAndProxy() throws IOException {
        proxy.close();
        server.close();
    }
}
