package dev.ferry.source.coap;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;

/** The {@code insecure:} section: a plain CoAP endpoint, for a lab or an isolated network. */
public record InsecureConfig(
        @Doc("UDP port of the plain (coap://) endpoint.") @Default("5683") @Min("0") @Max("65535") int port,
        @Doc("The tenant every plain-CoAP reading belongs to; the `device` tag is the sender's IP address.")
        String tenant) {

    public InsecureConfig {
        if (!TenantNames.isValid(tenant)) {
            throw new IllegalArgumentException("`tenant` " + TenantNames.rule(tenant));
        }
    }
}
