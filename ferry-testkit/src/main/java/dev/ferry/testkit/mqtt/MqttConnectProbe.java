package dev.ferry.testkit.mqtt;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One MQTT 3.1.1 CONNECT with a clean session, answered or not: tells whether a broker that has opened its port is
 * also ready to take clients. Raw bytes, because the test kit cannot depend on the client it helps to test.
 */
final class MqttConnectProbe {

    private static final byte CONNECT = 0x10;
    private static final byte CONNACK = 0x20;
    private static final byte[] DISCONNECT = {(byte) 0xE0, 0x00};
    private static final byte PROTOCOL_LEVEL_3_1_1 = 4;
    private static final byte CLEAN_SESSION = 0x02;

    private MqttConnectProbe() {}

    /**
     * True when the broker answered with CONNACK "accepted"; false when nothing listens, the connection was closed,
     * or no answer came within {@code limit}.
     */
    static boolean accepts(String host, int port, String clientId, Duration limit) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) limit.toMillis());
            socket.setSoTimeout((int) limit.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(connect(clientId));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] connack = new byte[4];
            in.readFully(connack);
            boolean accepted = connack[0] == CONNACK && connack[1] == 2 && connack[3] == 0;
            if (accepted) {
                out.write(DISCONNECT);
                out.flush();
            }
            return accepted;
        } catch (IOException notReady) {
            return false;
        }
    }

    private static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] variableHeader = {0, 4, 'M', 'Q', 'T', 'T', PROTOCOL_LEVEL_3_1_1, CLEAN_SESSION, 0, 10};
        int remaining = variableHeader.length + 2 + id.length;
        if (remaining > 127) {
            throw new IllegalArgumentException("probe client id too long for a one-byte length: \"" + clientId + "\"");
        }
        byte[] packet = new byte[2 + remaining];
        packet[0] = CONNECT;
        packet[1] = (byte) remaining;
        System.arraycopy(variableHeader, 0, packet, 2, variableHeader.length);
        int at = 2 + variableHeader.length;
        packet[at] = (byte) (id.length >> 8);
        packet[at + 1] = (byte) id.length;
        System.arraycopy(id, 0, packet, at + 2, id.length);
        return packet;
    }
}
