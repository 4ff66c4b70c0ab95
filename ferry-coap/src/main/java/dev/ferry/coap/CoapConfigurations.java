package dev.ferry.coap;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * Californium's settings for one endpoint, held in memory. Californium's own {@code Configuration.getStandard()}
 * reads and writes a {@code Californium3.properties} file in the working directory, which an agent running as a
 * service must not do; and a shared standard object would let one plugin's settings leak into another's.
 */
public final class CoapConfigurations {

    private CoapConfigurations() {}

    /** A fresh configuration with Californium's defaults for CoAP, UDP and DTLS; the caller sets what it needs. */
    public static Configuration fresh() {
        return new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
    }
}
