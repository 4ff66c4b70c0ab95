package dev.ferry.management.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.Nullable;

/** Checks a refusal the way every test needs it: status, the count under its reason, and no token in the reason. */
final class Refusals {

    private Refusals() {}

    static Decision assertRefused(Authenticator authenticator, @Nullable String header, Scope required, int status, String reasonCode) {
        long before = authenticator.refusalsByReason().get(reasonCode);
        Decision decision = authenticator.decide(header, required);
        assertThat(decision.allowed()).as(decision.reason()).isFalse();
        assertThat(decision.status()).as(decision.reason()).isEqualTo(status);
        assertThat(authenticator.refusalsByReason().get(reasonCode)).as(decision.reason()).isEqualTo(before + 1);
        assertThat(decision.reason()).doesNotContain("\n").isNotBlank();
        assertNoTokenIn(decision.reason(), header);
        assertThat(decision.challenge()).startsWith("Bearer realm=");
        return decision;
    }

    /** Neither the token nor any part of a JWT long enough to be recognised shows in {@code text}. */
    static void assertNoTokenIn(String text, @Nullable String header) {
        if (header == null) {
            return;
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header;
        if (!token.isEmpty()) {
            assertThat(text).doesNotContain(token);
        }
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(text).doesNotContain(part);
            }
        }
    }
}
