package dev.ferry.management.auth.internal;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * A public key that may sign tokens, with the one JWS algorithm it is used with: tying each key to its algorithm
 * is what refuses algorithm confusion (an HS256 token "signed" with the public key's bytes).
 *
 * @param algorithms the JWS {@code alg} values: {@code ES256}, {@code RS256}, or for Ed25519 both {@code EdDSA} and its
 *     fully specified name {@code Ed25519} (RFC 9864)
 */
public record VerificationKey(Path file, PublicKey key, List<String> algorithms) {

    public VerificationKey {
        algorithms = List.copyOf(algorithms);
    }
}
