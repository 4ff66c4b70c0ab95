package dev.ferry.runtime.config;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import java.time.Duration;
import java.util.List;

/** The {@code auth.jwt} section: JWTs signed by an operator's key are accepted as bearer tokens. */
public record JwtConfig(
        @Doc("PEM files holding the public keys (BEGIN PUBLIC KEY) or certificates whose keys may sign tokens: EC P-256"
                + " (ES256), RSA of 2048 bits or more (RS256) or Ed25519 (EdDSA). A token signed by any of them is"
                + " accepted; a token signed with an algorithm none of them uses is refused.")
        List<String> keys,
        @Doc("The `iss` a token must carry. Left out: any issuer.")
        @Nullable String issuer,
        @Doc("A value the token's `aud` must hold, e.g. this gateway's id. Left out: any audience.")
        @Nullable String audience,
        @Doc("How far this gateway's clock may be off from the issuer's when `exp` and `nbf` are checked.")
        @Default("60s") @Min("0s") @Max("10m") Duration clockSkew) {

    public JwtConfig {
        keys = List.copyOf(keys);
    }
}
