package dev.ferry.source.modbus;

import com.digitalpetri.modbus.Crc16;
import com.digitalpetri.modbus.ModbusRtuFrame;
import com.digitalpetri.modbus.pdu.ModbusRequestPdu;
import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusRtuRequestContext;
import com.digitalpetri.modbus.server.ModbusRtuServer;
import com.digitalpetri.modbus.server.ModbusServerConfig;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusRtuServerTransport;
import java.nio.ByteBuffer;

/**
 * digitalpetri's RTU server with its exception frames' CRC put right: in modbus 2.1.4 it computes the CRC of an
 * exception response over the unit id alone (the PDU buffer is not flipped first), so every client rightly rejects
 * the frame as corrupt. Normal responses are left as the library makes them.
 */
final class PatchedRtuServer extends ModbusRtuServer {

    PatchedRtuServer(ModbusRtuServerTransport transport, ModbusServices services) {
        super(new ModbusServerConfig.Builder().build(), transport, services);
    }

    @Override
    protected ModbusRtuFrame handleModbusRtuFrame(ModbusRtuRequestContext context, int unitId, int fcb,
            ModbusRequestPdu requestPdu) throws Exception {
        ModbusRtuFrame frame = super.handleModbusRtuFrame(context, unitId, fcb, requestPdu);
        ByteBuffer pdu = frame.pdu();
        if ((pdu.get(pdu.position()) & 0x80) == 0) {
            return frame;
        }
        Crc16 crc16 = new Crc16();
        crc16.update(unitId);
        crc16.update(pdu.duplicate());
        int value = crc16.getValue();
        ByteBuffer crc = ByteBuffer.allocate(2).put((byte) value).put((byte) (value >> 8)).flip();
        return new ModbusRtuFrame(unitId, pdu, crc);
    }
}
