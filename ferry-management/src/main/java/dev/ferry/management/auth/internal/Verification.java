package dev.ferry.management.auth.internal;

import dev.ferry.management.auth.Scope;
import java.util.Set;

/** What checking one bearer token found: who it is and what it grants, or why it is refused. */
public sealed interface Verification {

    /** A token whose holder is known. */
    record Verified(String principal, Set<Scope> scopes) implements Verification {
        public Verified {
            scopes = Set.copyOf(scopes);
        }
    }

    /** @param detail one line that never holds the token */
    record Refused(RefusalReason reason, String detail) implements Verification {}

    static Refused refused(RefusalReason reason, String detail) {
        return new Refused(reason, detail);
    }
}
