package dev.ferry.source.modbus;

import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;

/** Modbus TCP: the device (or gateway) listens on a TCP port. */
public record TcpConfig(
        @Doc("Host name or IP address of the device or gateway.") String host,
        @Doc("TCP port of the device; 1 to 65535.") @Default("502") int port) {}
