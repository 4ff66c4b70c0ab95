package dev.ferry.api.net;

/** What a network plugin needs to know about a host as written in its config, before any lookup. */
public final class HostNames {

    private HostNames() {}

    /**
     * True for a host written as this machine: {@code localhost}, {@code 127.x.y.z} or {@code ::1}, the only hosts a
     * plugin may reach in clear text without {@code insecure: true}. Only literal names count: a name that resolves
     * to loopback today may not tomorrow.
     */
    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
