package dev.ferry.tls.internal;

import dev.ferry.api.Nullable;
import dev.ferry.tls.TlsConfig;
import dev.ferry.tls.TlsConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLParameters;

/**
 * The protocols, cipher suites and groups of a {@code tls:} section in the JDK's spelling, each checked against
 * what this JDK supports. An empty suite or group list means the JDK's defaults.
 */
record Algorithms(List<String> protocols, List<String> cipherSuites, List<String> namedGroups) {

    private static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    /** Every problem with the names at once, each as it would be thrown. */
    static List<TlsConfigException> problems(TlsConfig config, String section, SSLParameters supported) {
        List<TlsConfigException> problems = new ArrayList<>();
        resolve(config, section, supported, problems);
        return problems;
    }

    /** @throws TlsConfigException the first problem found */
    static Algorithms resolve(TlsConfig config, String section, SSLParameters supported) throws TlsConfigException {
        List<TlsConfigException> problems = new ArrayList<>();
        Algorithms resolved = resolve(config, section, supported, problems);
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
        return resolved;
    }

    private static Algorithms resolve(TlsConfig config, String section, SSLParameters supported,
            List<TlsConfigException> problems) {
        List<String> protocols = new ArrayList<>();
        for (String written : config.protocols()) {
            String protocol = protocolName(written);
            if (PROTOCOLS.contains(protocol)) {
                protocols.add(protocol);
            } else {
                problems.add(new TlsConfigException(section + ".protocols", "\"" + written + "\" is not offered: write"
                        + " TLSv1.3 or TLSv1.2 (older versions are broken and retired by RFC 8996)"));
            }
        }
        List<String> suites = pick(config.cipherSuites(), CipherSuiteNames::toIana, CipherSuiteNames::weakness,
                supported.getCipherSuites(), section + ".cipher_suites", "cipher suite", problems);
        List<String> groups = pick(config.namedGroups(), GroupNames::toJdk, group -> null, supported.getNamedGroups(),
                section + ".named_groups", "group", problems);
        if (!suites.isEmpty() && !protocols.isEmpty() && suites.stream().noneMatch(s -> usableWith(s, protocols))) {
            problems.add(new TlsConfigException(section + ".cipher_suites", "none of " + suites + " works with "
                    + protocols + "; TLS 1.3 suites start with TLS_AES_ or TLS_CHACHA20_, all others are TLS 1.2 suites"));
        }
        return new Algorithms(List.copyOf(protocols), suites, groups);
    }

    private static String protocolName(String written) {
        String bare = written.strip().toLowerCase(Locale.ROOT).replace("tlsv", "").replace("tls", "");
        return switch (bare) {
            case "1.3" -> "TLSv1.3";
            case "1.2" -> "TLSv1.2";
            default -> written;
        };
    }

    private static boolean usableWith(String suite, List<String> protocols) {
        return CipherSuiteNames.isTls13Only(suite) ? protocols.contains("TLSv1.3") : protocols.contains("TLSv1.2");
    }

    /** @param weakness why a name is refused whether this JDK supports it or not (it may disable it), or null */
    private static List<String> pick(List<String> written, UnaryOperator<String> normalise,
            Function<String, @Nullable String> weakness, String[] supported, String key, String what,
            List<TlsConfigException> problems) {
        List<String> picked = new ArrayList<>();
        for (String name : written) {
            String normal = normalise.apply(name);
            String weak = weakness.apply(normal);
            if (weak != null) {
                problems.add(new TlsConfigException(key, "the " + what + " \"" + name + "\""
                        + (normal.equalsIgnoreCase(name) ? "" : " (" + normal + ")") + " is refused: " + weak
                        + "; name ECDHE suites with GCM or CHACHA20_POLY1305, e.g. ECDHE-ECDSA-AES128-GCM-SHA256,"
                        + " ECDHE-RSA-AES128-GCM-SHA256, or the TLS 1.3 ones"));
                continue;
            }
            String match = Arrays.stream(supported).filter(s -> s.equalsIgnoreCase(normal)).findFirst().orElse(null);
            if (match != null) {
                picked.add(match);
            } else {
                problems.add(new TlsConfigException(key, "this JDK does not support the " + what + " \"" + name + "\""
                        + (normal.equalsIgnoreCase(name) ? "" : " (" + normal + ")") + "; close ones it does: "
                        + String.join(", ", closest(normal, supported))));
            }
        }
        return List.copyOf(picked);
    }

    /** The supported names sharing the most words, then the most letter pairs, with the one asked for; the best three. */
    static List<String> closest(String wanted, String[] supported) {
        String upper = wanted.toUpperCase(Locale.ROOT);
        List<String> words = List.of(upper.split("[_-]"));
        return Arrays.stream(supported)
                .filter(s -> !s.startsWith("TLS_EMPTY"))
                .sorted(Comparator.comparingLong((String s) -> -likeness(upper, words, s)).thenComparing(Comparator.naturalOrder()))
                .limit(3)
                .toList();
    }

    private static long likeness(String wanted, List<String> words, String candidate) {
        String upper = candidate.toUpperCase(Locale.ROOT);
        List<String> theirs = List.of(upper.split("[_-]"));
        long sharedWords = words.stream().filter(theirs::contains).count();
        long sharedPairs = 0;
        for (int i = 0; i + 2 <= wanted.length(); i++) {
            if (upper.contains(wanted.substring(i, i + 2))) {
                sharedPairs++;
            }
        }
        return sharedWords * 1000 + sharedPairs;
    }
}
