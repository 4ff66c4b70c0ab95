package dev.ferry.it.mqtt;

import java.io.IOException;
import java.util.ArrayList;

/**
 * A network namespace of the test's own for the broker, joined to this one by a veth pair, so that the kernel's
 * firewall can cut the link: nftables rules inside the namespace drop the broker's traffic, as a cut cable or a
 * failed switch would (the kernel here has no netem). Needs root, as CI has.
 */
final class BrokerNamespace implements AutoCloseable {

    private final String name;
    private final String address;

    private BrokerNamespace(String name, String address) {
        this.name = name;
        this.address = address;
    }

    /** A namespace named after this process, reachable from here at {@link #address()}. */
    static BrokerNamespace create() throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        String name = "ferry-chaos-" + pid;
        String outside = "fc" + pid % 100_000 + "o";
        String inside = "fc" + pid % 100_000 + "i";
        String subnet = "10.77." + pid % 250 + ".";
        run("ip", "netns", "add", name);
        BrokerNamespace namespace = new BrokerNamespace(name, subnet + "2");
        try {
            run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
            run("ip", "link", "set", inside, "netns", name);
            run("ip", "addr", "add", subnet + "1/30", "dev", outside);
            run("ip", "link", "set", outside, "up");
            run("ip", "netns", "exec", name, "ip", "addr", "add", subnet + "2/30", "dev", inside);
            run("ip", "netns", "exec", name, "ip", "link", "set", inside, "up");
            run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            run("ip", "netns", "exec", name, "nft", "add", "table", "inet", "chaos");
            run("ip", "netns", "exec", name, "nft", "add chain inet chaos input { type filter hook input priority 0; }");
            run("ip", "netns", "exec", name, "nft", "add chain inet chaos output { type filter hook output priority 0; }");
        } catch (IOException | InterruptedException | RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    String name() {
        return name;
    }

    /** The broker's address, inside the namespace. */
    String address() {
        return address;
    }

    /** Drops every packet to and from {@code port} inside the namespace: the link is down. */
    void cut(int port) throws IOException, InterruptedException {
        nft("add rule inet chaos input tcp dport " + port + " drop");
        nft("add rule inet chaos output tcp sport " + port + " drop");
    }

    /** Lets the packets through again; TCP resends what was dropped. */
    void heal() throws IOException, InterruptedException {
        nft("flush chain inet chaos input");
        nft("flush chain inet chaos output");
    }

    private void nft(String rule) throws IOException, InterruptedException {
        run("ip", "netns", "exec", name, "nft", rule);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "del", name);   // takes the veth pair with it
    }

    private static void run(String... command) throws IOException, InterruptedException {
        RootCommand.run("a network namespace needs root and iproute2; the rules need nftables", command);
    }
}
