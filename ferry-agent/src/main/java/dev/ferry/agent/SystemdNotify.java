package dev.ferry.agent;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.ferry.api.Nullable;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the service (a {@code Type=notify} unit): ready once the agent runs, and which process is the
 * service's main one after a hand-over to a successor. Sent from this process itself, as one datagram to the socket
 * in {@code NOTIFY_SOCKET}, through the C library (the JDK has no datagram sockets of the Unix family): the
 * {@code systemd-notify} command would send as a short-lived process of its own, which systemd may no longer find
 * in the service when the message is read. Without {@code NOTIFY_SOCKET} (no systemd, another type of unit) nothing
 * is sent.
 */
final class SystemdNotify {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SUN_PATH = 108;

    private SystemdNotify() {}

    /** True when systemd waits for notifications from this service. */
    static boolean expected() {
        return socketPath() != null;
    }

    /** {@code READY=1}: the agent runs. */
    static void ready() {
        send("READY=1");
    }

    /** {@code MAINPID=pid}: the service's main process is now {@code pid}, a successor this one started. */
    static void mainProcess(long pid) {
        send("MAINPID=" + pid);
    }

    private static @Nullable String socketPath() {
        String path = System.getenv("NOTIFY_SOCKET");
        return path == null || path.isEmpty() ? null : path;
    }

    private static void send(String message) {
        String path = socketPath();
        if (path == null) {
            return;
        }
        try {
            sendDatagram(path, message);
        } catch (Throwable e) {   // a native call's failure is reported, never fatal to the agent
            LoggerFactory.getLogger(SystemdNotify.class).warn("cannot notify systemd ({}) of {}: {}", path, message,
                    e.getMessage());
        }
    }

    private static void sendDatagram(String path, String message) throws Throwable {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MethodHandle socket = linker.downcallHandle(libc.find("socket").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
        MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH) {
            throw new IllegalArgumentException("the socket's path is longer than " + (SUN_PATH - 1) + " bytes");
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(2 + SUN_PATH);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
            if (name[0] == '@') {
                address.set(JAVA_BYTE, 2, (byte) 0);   // an abstract socket: its name starts with a zero byte
            }
            int addressLength = 2 + name.length + (name[0] == '@' ? 0 : 1);
            MemorySegment data = arena.allocate(text.length);
            MemorySegment.copy(text, 0, data, JAVA_BYTE, 0, text.length);
            int fd = (int) socket.invokeExact(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IllegalStateException("socket() failed");
            }
            try {
                long sent = (long) sendto.invokeExact(fd, data, (long) text.length, 0, address, addressLength);
                if (sent != text.length) {
                    throw new IllegalStateException("sendto() sent " + sent + " of " + text.length + " bytes");
                }
            } finally {
                int ignored = (int) close.invokeExact(fd);   // invokeExact needs the call's exact type, result included
            }
        }
    }
}
