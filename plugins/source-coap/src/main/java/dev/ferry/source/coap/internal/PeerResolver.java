package dev.ferry.source.coap.internal;

import dev.ferry.api.Nullable;
import dev.ferry.source.coap.Refusal;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;

/**
 * Who sent a request, from what the DTLS handshake proved: a certificate's subject CN and SAN tenant, or a PSK
 * identity and its configured tenant. Nothing in the request itself is believed. Plain CoAP requests, which prove
 * nothing, belong to the {@code insecure} tenant and are named by the sender's IP address.
 */
final class PeerResolver {

    private final TenantRule tenants;
    private final Map<String, String> pskTenants;
    private final @Nullable String insecureTenant;

    PeerResolver(TenantRule tenants, Map<String, String> pskTenants, @Nullable String insecureTenant) {
        this.tenants = tenants;
        this.pskTenants = Map.copyOf(pskTenants);
        this.insecureTenant = insecureTenant;
    }

    DeviceIdentity resolve(Request request) throws RequestRefused {
        EndpointContext context = request.getSourceContext();
        Principal peer = context.getPeerIdentity();
        if (!(context instanceof DtlsEndpointContext)) {
            if (insecureTenant == null) {
                throw new RequestRefused(Refusal.UNAUTHENTICATED, "plain CoAP is not accepted here; use coaps://");
            }
            return new DeviceIdentity(context.getPeerAddress().getAddress().getHostAddress(), insecureTenant);
        }
        return switch (peer) {
            case X509CertPath path -> certificate(path);
            case PreSharedKeyIdentity psk -> preSharedKey(psk);
            case null -> throw new RequestRefused(Refusal.UNAUTHENTICATED, "this DTLS session has no client"
                    + " certificate; connect with the device's certificate and key");
            default -> throw new RequestRefused(Refusal.UNAUTHENTICATED, "credentials of type "
                    + peer.getClass().getSimpleName() + " are not accepted; use a certificate or a pre-shared key");
        };
    }

    private DeviceIdentity certificate(X509CertPath path) throws RequestRefused {
        X509Certificate certificate = path.getTarget();
        String tenant;
        try {
            tenant = tenants.tenantOf(certificate);
        } catch (TenantRule.NoTenantException e) {
            throw new RequestRefused(Refusal.FORBIDDEN, e.getMessage());
        }
        String cn = path.getCN();
        return new DeviceIdentity(cn == null || cn.isEmpty() ? certificate.getSubjectX500Principal().getName() : cn, tenant);
    }

    private DeviceIdentity preSharedKey(PreSharedKeyIdentity psk) throws RequestRefused {
        String tenant = pskTenants.get(psk.getIdentity());
        if (tenant == null) {
            throw new RequestRefused(Refusal.UNAUTHENTICATED, "PSK identity \"" + psk.getIdentity() + "\" is not configured");
        }
        return new DeviceIdentity(psk.getIdentity(), tenant);
    }
}
