package dev.ferry.source.serial;

/** How the receiver tells the device to pause; written {@code none}, {@code rts-cts} or {@code xon-xoff}. */
public enum FlowControl {
    NONE,
    /** Hardware handshake on the RTS and CTS lines. */
    RTS_CTS,
    /** Software handshake with the XON (0x11) and XOFF (0x13) characters. */
    XON_XOFF
}
