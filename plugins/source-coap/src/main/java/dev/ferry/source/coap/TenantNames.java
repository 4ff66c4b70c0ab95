package dev.ferry.source.coap;

import java.util.regex.Pattern;

/**
 * What a tenant name may be. A tenant becomes a topic level upstream ({@code {tag:tenant}}), so it holds no
 * {@code /}, {@code +} or {@code #}, and nothing that could be mistaken for another tenant's prefix.
 */
public final class TenantNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private TenantNames() {}

    public static boolean isValid(String tenant) {
        return VALID.matcher(tenant).matches();
    }

    /** Why {@code tenant} is refused, to follow the key or value it came from. */
    public static String rule(String tenant) {
        return "is \"" + tenant + "\"; a tenant is 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or"
                + " digit";
    }
}
