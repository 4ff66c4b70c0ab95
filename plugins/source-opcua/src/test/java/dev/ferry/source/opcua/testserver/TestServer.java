package dev.ferry.source.opcua.testserver;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * A real OPC UA server (Milo's server SDK) on a loopback port, for tests: endpoints None, Basic256Sha256 Sign and
 * SignAndEncrypt, anonymous and user name sign-in, a certificate made by the test, a trust list the test fills,
 * and a small namespace (index 2) with a counter that grows every 100 ms while counting is on.
 */
public final class TestServer implements AutoCloseable {

    /** A variable of the namespace; {@code id} is a String (ns=2;s=) or a Number (ns=2;i=). */
    public record Variable(Object id, String browseName, NodeId dataType, DataValue value) {}

    public static final String COUNTER = "Counter";

    private final int port;
    private final Identity identity;
    private final Map<String, String> users;
    private final OpcUaServer server;
    private final TestNamespace namespace;
    private final MemoryTrustListManager trustList;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private final AtomicLong counter;

    /** The server's key and certificate; keep it to restart with the same identity. */
    public record Identity(KeyPair keyPair, X509Certificate certificate) {
        public static Identity generate() throws Exception {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Ferry test server")
                    .setOrganization("Ferry tests")
                    .setApplicationUri("urn:ferry:test:server")
                    .addDnsName("localhost")
                    .addIpAddress("127.0.0.1")
                    .build();
            return new Identity(keyPair, certificate);
        }
    }

    private TestServer(int port, Identity identity, Map<String, String> users, List<X509Certificate> trustedClients,
            long counterStart) throws Exception {
        this.port = port;
        this.identity = identity;
        this.users = Map.copyOf(users);
        this.counter = new AtomicLong(counterStart);
        this.trustList = new MemoryTrustListManager();
        trustedClients.forEach(trustList::addTrustedCertificate);
        server = new OpcUaServer(config(), profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
        namespace = new TestNamespace(server, variables(counterStart));
        namespace.startup();
        server.startup().get(10, TimeUnit.SECONDS);
    }

    public static TestServer start(int port, Identity identity, Map<String, String> users,
            List<X509Certificate> trustedClients) throws Exception {
        return new TestServer(port, identity, users, trustedClients, 0);
    }

    /** A new server on the same port with the same identity, users and trust, its counter going on from {@code from}. */
    public TestServer restart(long from) throws Exception {
        return new TestServer(port, identity, users, trustList.getTrustedCertificates(), from);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String endpoint() {
        return "opc.tcp://127.0.0.1:" + port + "/ferry";
    }

    public int port() {
        return port;
    }

    public X509Certificate certificate() {
        return identity.certificate();
    }

    public void trustClient(X509Certificate certificate) {
        trustList.addTrustedCertificate(certificate);
    }

    public void set(Object id, Object value) {
        namespace.set(id, TestNamespace.value(value));
    }

    public void set(Object id, DataValue value) {
        namespace.set(id, value);
    }

    /** Makes the counter grow by one every {@code periodMillis}. */
    public void startCounting(long periodMillis) {
        ticker.scheduleAtFixedRate(() -> set(COUNTER, counter.incrementAndGet()), periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
    }

    public long counter() {
        return counter.get();
    }

    /** Stops like a server process would: sessions and subscriptions are gone, connections closed. */
    @Override
    public void close() throws Exception {
        ticker.shutdownNow();
        server.shutdown().get(10, TimeUnit.SECONDS);
        namespace.shutdown();
    }

    private OpcUaServerConfig config() throws Exception {
        MemoryCertificateQuarantine quarantine = new MemoryCertificateQuarantine();
        MemoryCertificateStore store = new MemoryCertificateStore();
        store.set(NodeIds.RsaSha256ApplicationCertificateType,
                new CertificateStore.Entry(identity.keyPair().getPrivate(), new X509Certificate[] {identity.certificate()}));
        RsaSha256CertificateFactory factory = new RsaSha256CertificateFactory() {
            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) {
                return new X509Certificate[] {identity.certificate()};
            }
        };
        DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trustList, store, factory,
                new DefaultServerCertificateValidator(trustList, quarantine));
        var usernames = new UsernameIdentityValidator(
                challenge -> challenge.getPassword().equals(users.get(challenge.getUsername())));
        return OpcUaServerConfig.builder()
                .setApplicationUri("urn:ferry:test:server")
                .setApplicationName(LocalizedText.english("Ferry test server"))
                .setProductUri("urn:ferry:test")
                .setCertificateManager(new DefaultCertificateManager(quarantine, group))
                .setIdentityValidator(new CompositeValidator(AnonymousIdentityValidator.INSTANCE, usernames))
                .setEndpoints(endpoints())
                .build();
    }

    private Set<EndpointConfig> endpoints() {
        EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setBindAddress("127.0.0.1")
                .setHostname("localhost")
                .setBindPort(port)
                .setPath("/ferry")
                .setCertificate(identity.certificate())
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS, OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        Set<EndpointConfig> endpoints = new HashSet<>();
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256).setSecurityMode(MessageSecurityMode.Sign).build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        return endpoints;
    }

    private static List<Variable> variables(long counterStart) {
        List<Variable> variables = new ArrayList<>();
        variables.add(new Variable("Boiler.Temperature", "Temperature", NodeIds.Double, TestNamespace.value(21.5)));
        variables.add(new Variable(1001, "Pressure", NodeIds.Int32, TestNamespace.value(-7)));
        variables.add(new Variable("Pump.Speed", "Speed", NodeIds.UInt16,
                TestNamespace.value(org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort(1450))));
        variables.add(new Variable("Pump.Running", "Running", NodeIds.Boolean, TestNamespace.value(true)));
        variables.add(new Variable("Pump.Name", "Name", NodeIds.String, TestNamespace.value("P-101")));
        variables.add(new Variable(COUNTER, COUNTER, NodeIds.Int64, TestNamespace.value(counterStart)));
        variables.add(new Variable("Level", "Level", NodeIds.Double, TestNamespace.value(50.0)));
        variables.add(new Variable("Profile", "Profile", NodeIds.Double, TestNamespace.value(new Double[] {1.0, 2.0, 3.0})));
        variables.add(new Variable("Big", "Big", NodeIds.UInt64,
                TestNamespace.value(org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong.MAX)));
        variables.add(new Variable("Broken", "Broken", NodeIds.Double, new DataValue(
                new org.eclipse.milo.opcua.stack.core.types.builtin.Variant(1.0),
                new org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode(
                        org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_SensorFailure))));
        return variables;
    }
}
