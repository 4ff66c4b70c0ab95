package dev.ferry.source.coap;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;

/**
 * The {@code rate_limit:} section: a token bucket per device, so that one chatty device cannot starve the others.
 * A request (not a reading) takes one token.
 */
public record RateLimitConfig(
        @Doc("Requests per second a device may make, on average.") @Default("10") @Positive double rate,
        @Doc("Requests a device may make at once after a quiet spell; the bucket's size.") @Default("20") @Min("1") int burst,
        @Doc("Devices tracked at once; beyond it the least recently seen device's bucket is forgotten (it starts full"
                + " again).") @Default("1024") @Min("1") @Max("1000000") int devices) {}
