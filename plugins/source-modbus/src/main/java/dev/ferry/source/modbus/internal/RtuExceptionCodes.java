package dev.ferry.source.modbus.internal;

import com.digitalpetri.modbus.ModbusRtuFrame;
import com.digitalpetri.modbus.client.ModbusRtuClientTransport;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Passes frames through to the RTU client, noting the exception code of each exception response. The RTU client
 * of digitalpetri modbus 2.1.4 reports the function code byte (0x83 and so on) as the exception code; with one
 * request on the line at a time, the code noted here belongs to the exception the client just reported.
 */
final class RtuExceptionCodes implements ModbusRtuClientTransport {

    private final ModbusRtuClientTransport delegate;
    private volatile int lastCode = -1;

    RtuExceptionCodes(ModbusRtuClientTransport delegate) {
        this.delegate = delegate;
    }

    /** The exception code of the last exception response, or {@code reported} when there was none. */
    int trueCode(int reported) {
        int code = lastCode;
        return code < 0 ? reported : code;
    }

    @Override
    public void receive(Consumer<ModbusRtuFrame> frameReceiver) {
        delegate.receive(frame -> {
            ByteBuffer pdu = frame.pdu();
            if (pdu.remaining() >= 2 && (pdu.get(pdu.position()) & 0x80) != 0) {
                lastCode = pdu.get(pdu.position() + 1) & 0xFF;
            }
            frameReceiver.accept(frame);
        });
    }

    @Override
    public CompletionStage<Void> connect() {
        return delegate.connect();
    }

    @Override
    public CompletionStage<Void> disconnect() {
        return delegate.disconnect();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public CompletionStage<Void> send(ModbusRtuFrame frame) {
        return delegate.send(frame);
    }

    @Override
    public void resetFrameParser() {
        delegate.resetFrameParser();
    }
}
