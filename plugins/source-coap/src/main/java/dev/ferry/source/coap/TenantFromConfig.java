package dev.ferry.source.coap;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;

/** The {@code tenant_from:} section: how a device certificate's SubjectAlternativeNames give its tenant. */
public record TenantFromConfig(
        @Doc("Which names to search: `uri` (URI names, e.g. urn:tenant:acme) or `dns` (DNS names).")
        @Default("uri") SanType san,
        @Doc("Java regular expression with a named group `tenant`; it must match a whole name. The one tenant it finds"
                + " is the device's; none, or two different ones, refuse the certificate. With `san: dns` write your"
                + " own, e.g. ^(?<tenant>[a-z0-9-]+)\\.devices\\.example\\.com$.")
        @Default(DEFAULT_PATTERN) String pattern) {

    /** A URI name {@code urn:tenant:NAME}, as issued by the fleet's CA. */
    public static final String DEFAULT_PATTERN = "^urn:tenant:(?<tenant>[A-Za-z0-9][A-Za-z0-9._-]*)$";
}
