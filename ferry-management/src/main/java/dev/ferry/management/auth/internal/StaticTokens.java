package dev.ferry.management.auth.internal;

import dev.ferry.runtime.config.StaticToken;
import dev.ferry.api.Nullable;
import dev.ferry.management.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The configured static tokens, kept only as SHA-256 hashes. A presented token is hashed and compared with every
 * one in constant time, so neither the time an answer takes nor the memory of the process gives a token away.
 */
public final class StaticTokens {

    private final List<Entry> entries;

    private StaticTokens(List<Entry> entries) {
        this.entries = entries;
    }

    /** @throws IllegalArgumentException for a scope name no {@link Scope} has; {@code check} reports it first */
    public static StaticTokens of(List<StaticToken> tokens) {
        return new StaticTokens(tokens.stream().map(t -> new Entry(sha256(t.token()), scopesOf(t))).toList());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The holder of a matching token, {@code token #1} for the first configured; null when none matches. */
    public Verification.@Nullable Verified match(String presented) {
        byte[] hash = sha256(presented);
        int matched = -1;
        // No early exit: every entry is compared, whichever matches.
        for (int i = 0; i < entries.size(); i++) {
            if (MessageDigest.isEqual(hash, entries.get(i).hash()) && matched < 0) {
                matched = i;
            }
        }
        return matched < 0 ? null : new Verification.Verified("token #" + (matched + 1), entries.get(matched).scopes());
    }

    private static Set<Scope> scopesOf(StaticToken token) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String text : token.scopes()) {
            Scope scope = Scope.ofText(text);
            if (scope == null) {
                throw new IllegalArgumentException("unknown scope " + Printable.quote(text) + "; known: " + Scope.texts());
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Entry(byte[] hash, Set<Scope> scopes) {}
}
