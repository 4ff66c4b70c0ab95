package dev.ferry.source.coap.internal;

import dev.ferry.source.coap.PskDeviceConfig;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.event.Level;

/**
 * The {@code psk_devices} keys for Scandium. Scandium drops a handshake with an unknown identity silently (no alert,
 * so a prober learns nothing), which would leave no trace; this store counts and logs it as a refused handshake,
 * once per handshake however often the device retransmits it.
 */
final class PskDevices implements AdvancedPskStore {

    private static final int REMEMBERED_HANDSHAKES = 64;

    private final AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
    private final String source;
    private final Counters counters;
    private final QuietLog log;
    /** The handshake randoms of recent refusals, so a retransmitted flight is not counted again. */
    private final Map<String, Boolean> recentRefusals = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_HANDSHAKES;
        }
    };

    PskDevices(List<PskDeviceConfig> devices, String source, Counters counters, QuietLog log) {
        for (PskDeviceConfig device : devices) {
            keys.setKey(device.identity(), device.secret());
        }
        this.source = source;
        this.counters = counters;
        this.log = log;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return keys.hasEcdhePskSupported();
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity,
            String hmacAlgorithm, SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
        PskSecretResult result = keys.requestPskSecretResult(cid, serverName, identity, hmacAlgorithm, otherSecret, seed,
                useExtendedMasterSecret);
        if (result != null && result.getSecret() == null && firstRefusal(seed)) {
            counters.countRefusedHandshake("unknown_psk_identity");
            log.log(Level.WARN, "handshake", "source " + source + ": DTLS handshake refused: unknown PSK identity \""
                    + identity.getPublicInfoAsString() + "\"");
        }
        return result;
    }

    private synchronized boolean firstRefusal(byte[] seed) {
        return recentRefusals.put(Arrays.toString(seed), Boolean.TRUE) == null;
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return keys.getIdentity(peerAddress, virtualHost);
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        keys.setResultHandler(resultHandler);
    }
}
