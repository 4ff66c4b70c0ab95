package dev.ferry.source.opcua.internal;

import dev.ferry.source.opcua.OpcUaConfig;
import dev.ferry.source.opcua.SecurityMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * Makes one connected client: GetEndpoints at the configured URL, picks the endpoint with the configured security
 * policy, mode and sign-in kind, and opens a session there. Once connected, Milo's client keeps the session by
 * itself (reconnecting and transferring subscriptions); a failed first attempt is given up here and retried by the
 * runtime with backoff.
 */
final class Connector {

    private final OpcUaConfig config;
    private final ApplicationIdentity identity;
    private final TrustList trust;
    private final MiloThreads threads;
    private final String sessionName;
    private final String applicationUri;
    private final ConnectFailures failures;

    Connector(OpcUaConfig config, ApplicationIdentity identity, TrustList trust, MiloThreads threads,
            String sessionName, String applicationUri) {
        this.config = config;
        this.identity = identity;
        this.trust = trust;
        this.threads = threads;
        this.sessionName = sessionName;
        this.applicationUri = applicationUri;
        this.failures = new ConnectFailures(trust, config.username(), identity.certificateFile(), config.requestTimeout());
    }

    ConnectFailures failures() {
        return failures;
    }

    /** A client with an active session; the caller disconnects it. */
    OpcUaClient connect() throws IOException, InterruptedException {
        trust.clearRefusal();
        List<EndpointDescription> endpoints;
        try {
            endpoints = await(DiscoveryClient.getEndpoints(config.endpoint(), this::configureTransport));
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(config.endpoint() + ": cannot get endpoints: " + failures.describe(e), e);
        }
        EndpointDescription endpoint = EndpointUtil.updateUrl(select(endpoints),
                EndpointUtil.getHost(config.endpoint()), EndpointUtil.getPort(config.endpoint()));
        OpcUaClient client = new OpcUaClient(clientConfig(endpoint, endpoints), transport());
        try {
            await(client.connectAsync());
            return client;
        } catch (ExecutionException | TimeoutException e) {
            client.disconnectAsync(); // stops the client's own retries; nothing to wait for
            throw new IOException(config.endpoint() + ": cannot connect: " + failures.describe(e), e);
        } catch (InterruptedException e) {
            client.disconnectAsync();
            throw e;
        }
    }

    private EndpointDescription select(List<EndpointDescription> endpoints) throws IOException {
        String policyUri = policy().getUri();
        MessageSecurityMode mode = mode();
        UserTokenType token = config.username() == null ? UserTokenType.Anonymous : UserTokenType.UserName;
        List<String> offered = new ArrayList<>();
        for (EndpointDescription endpoint : endpoints) {
            offered.add(describe(endpoint));
            if (policyUri.equals(endpoint.getSecurityPolicyUri()) && endpoint.getSecurityMode() == mode
                    && Stack.TCP_UASC_UABINARY_TRANSPORT_URI.equals(endpoint.getTransportProfileUri())
                    && offers(endpoint, token)) {
                return endpoint;
            }
        }
        String wanted = written(config.securityPolicy()) + "/" + written(config.securityModeOrDefault()) + " with "
                + (token == UserTokenType.Anonymous ? "anonymous" : "user name") + " sign-in";
        throw new IOException(config.endpoint() + ": the server offers no endpoint " + wanted + "; it offers "
                + String.join(", ", offered));
    }

    private OpcUaClientConfig clientConfig(EndpointDescription endpoint, List<EndpointDescription> endpoints) {
        return OpcUaClientConfig.builder()
                .setEndpoint(endpoint)
                .setDiscoveryEndpoints(endpoints)
                .setApplicationName(LocalizedText.english("Ferry"))
                .setApplicationUri(applicationUri)
                .setProductUri("urn:ferry")
                .setKeyPair(identity.keyPair())
                .setCertificate(identity.certificate())
                .setCertificateChain(new java.security.cert.X509Certificate[] {identity.certificate()})
                .setCertificateValidator(trust)
                .setIdentityProvider(identityProvider())
                .setSessionName(() -> sessionName)
                .setSessionTimeout(uint(config.sessionTimeout().toMillis()))
                .setRequestTimeout(uint(config.requestTimeout().toMillis()))
                .build();
    }

    private IdentityProvider identityProvider() {
        if (config.username() == null) {
            return new AnonymousProvider();
        }
        String password = config.password() == null ? "" : config.password();
        return new UsernameProvider(config.username(), password, trust);
    }

    private OpcTcpClientTransport transport() {
        OpcTcpClientTransportConfigBuilder builder = OpcTcpClientTransportConfig.newBuilder();
        configureTransport(builder);
        return new OpcTcpClientTransport(builder.build());
    }

    private void configureTransport(OpcTcpClientTransportConfigBuilder builder) {
        threads.configure(builder);
        builder.setConnectTimeout(uint(config.requestTimeout().toMillis()));
    }

    private <T> T await(CompletableFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private org.eclipse.milo.opcua.stack.core.security.SecurityPolicy policy() {
        return switch (config.securityPolicy()) {
            case NONE -> org.eclipse.milo.opcua.stack.core.security.SecurityPolicy.None;
            case BASIC256SHA256 -> org.eclipse.milo.opcua.stack.core.security.SecurityPolicy.Basic256Sha256;
        };
    }

    private MessageSecurityMode mode() {
        SecurityMode mode = config.securityModeOrDefault();
        return switch (mode) {
            case NONE -> MessageSecurityMode.None;
            case SIGN -> MessageSecurityMode.Sign;
            case SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
        };
    }

    private static boolean offers(EndpointDescription endpoint, UserTokenType token) {
        UserTokenPolicy[] policies = endpoint.getUserIdentityTokens();
        if (policies == null) {
            return false;
        }
        for (UserTokenPolicy policy : policies) {
            if (policy.getTokenType() == token) {
                return true;
            }
        }
        return false;
    }

    private static String describe(EndpointDescription endpoint) {
        String uri = endpoint.getSecurityPolicyUri();
        String policy = uri == null ? "?" : uri.substring(uri.indexOf('#') + 1).toLowerCase(Locale.ROOT);
        String mode = switch (endpoint.getSecurityMode()) {
            case None -> "none";
            case Sign -> "sign";
            case SignAndEncrypt -> "sign-and-encrypt";
            default -> String.valueOf(endpoint.getSecurityMode());
        };
        List<String> tokens = new ArrayList<>();
        if (offers(endpoint, UserTokenType.Anonymous)) {
            tokens.add("anonymous");
        }
        if (offers(endpoint, UserTokenType.UserName)) {
            tokens.add("user name");
        }
        return policy + "/" + mode + " (" + (tokens.isEmpty() ? "no anonymous or user name sign-in" : String.join(", ", tokens)) + ")";
    }

    private static String written(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
