package dev.ferry.source.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import dev.ferry.api.Nullable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * digitalpetri's own Modbus server, in-process: a process image answers reads of the units it serves, and chosen
 * address ranges are refused with an exception response. Serves TCP on a free loopback port, or any transport
 * through {@link #services()}.
 */
final class TestModbusServer implements AutoCloseable {

    /** A range a table refuses: reads that touch it get {@code code} back. */
    record Refusal(Table table, int from, int to, ExceptionCode code) {}

    /** One request the server saw. */
    record Request(Table table, int address, int quantity) {}

    private final AtomicReference<ProcessImage> image = new AtomicReference<>(new ProcessImage());
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> units = new CopyOnWriteArrayList<>(List.of(1));
    private volatile int counterAddress = -1;
    private final int port;
    private final @Nullable ModbusTcpServer server;

    /** The process image and services alone, for a server on another transport. */
    private TestModbusServer() {
        this.port = -1;
        this.server = null;
    }

    static TestModbusServer imageOnly() {
        return new TestModbusServer();
    }

    private TestModbusServer(int port) {
        this.port = port;
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(t -> {
            t.setBindAddress("127.0.0.1");
            t.setPort(port);
        });
        this.server = ModbusTcpServer.create(transport, services());
    }

    /** A TCP server on a free loopback port, started. */
    static TestModbusServer startTcp() throws Exception {
        TestModbusServer server = new TestModbusServer(freePort());
        server.start();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    void start() throws Exception {
        Objects.requireNonNull(server, "no TCP server").start();
    }

    void stop() throws Exception {
        Objects.requireNonNull(server, "no TCP server").stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Forgets every register, bit, refusal and request seen; serves unit 1 only. */
    void reset() {
        image.set(new ProcessImage());
        refusals.clear();
        requests.clear();
        counterAddress = -1;
        units.clear();
        units.add(1);
    }

    /** From now on, every read of holding registers that includes {@code address} first adds one to it. */
    void countReadsAt(int address) {
        counterAddress = address;
    }

    void serveUnits(Integer... ids) {
        units.clear();
        units.addAll(List.of(ids));
    }

    void refuse(Table table, int from, int to, ExceptionCode code) {
        refusals.add(new Refusal(table, from, to, code));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Sets registers from {@code address} on, each value taken as 16 bits (negative ones two's complement). */
    void setRegisters(Table table, int address, int... values) {
        image.get().with(tx -> {
            var write = (Consumer<Map<Integer, byte[]>>) map -> {
                for (int i = 0; i < values.length; i++) {
                    map.put(address + i, new byte[] {(byte) (values[i] >> 8), (byte) values[i]});
                }
            };
            if (table == Table.HOLDING) {
                tx.writeHoldingRegisters(write);
            } else if (table == Table.INPUT) {
                tx.writeInputRegisters(write);
            } else {
                throw new IllegalArgumentException(table + " holds bits");
            }
        });
    }

    void setBits(Table table, int address, boolean... values) {
        image.get().with(tx -> {
            var write = (Consumer<Map<Integer, Boolean>>) map -> {
                for (int i = 0; i < values.length; i++) {
                    map.put(address + i, values[i]);
                }
            };
            if (table == Table.COIL) {
                tx.writeCoils(write);
            } else if (table == Table.DISCRETE_INPUT) {
                tx.writeDiscreteInputs(write);
            } else {
                throw new IllegalArgumentException(table + " holds registers");
            }
        });
    }

    /** The server's services: the process image behind a check of refusals and units. */
    ModbusServices services() {
        ReadWriteModbusServices plain = new ReadWriteModbusServices() {
            @Override
            protected Optional<ProcessImage> getProcessImage(int unitId) {
                return units.contains(unitId) ? Optional.of(image.get()) : Optional.empty();
            }
        };
        return new ModbusServices() {
            @Override
            public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                    ReadHoldingRegistersRequest request) throws ModbusResponseException, UnknownUnitIdException {
                check(Table.HOLDING, unitId, request.address(), request.quantity());
                return plain.readHoldingRegisters(context, unitId, request);
            }

            @Override
            public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext context, int unitId,
                    ReadInputRegistersRequest request) throws ModbusResponseException, UnknownUnitIdException {
                check(Table.INPUT, unitId, request.address(), request.quantity());
                return plain.readInputRegisters(context, unitId, request);
            }

            @Override
            public ReadCoilsResponse readCoils(ModbusRequestContext context, int unitId, ReadCoilsRequest request)
                    throws ModbusResponseException, UnknownUnitIdException {
                check(Table.COIL, unitId, request.address(), request.quantity());
                return plain.readCoils(context, unitId, request);
            }

            @Override
            public ReadDiscreteInputsResponse readDiscreteInputs(ModbusRequestContext context, int unitId,
                    ReadDiscreteInputsRequest request) throws ModbusResponseException, UnknownUnitIdException {
                check(Table.DISCRETE_INPUT, unitId, request.address(), request.quantity());
                return plain.readDiscreteInputs(context, unitId, request);
            }
        };
    }

    private void check(Table table, int unitId, int address, int quantity) throws ModbusResponseException, UnknownUnitIdException {
        if (!units.contains(unitId)) {
            throw new UnknownUnitIdException(unitId);
        }
        requests.add(new Request(table, address, quantity));
        int last = address + quantity - 1;
        int counter = counterAddress;
        if (table == Table.HOLDING && counter >= address && counter <= last) {
            image.get().with(tx -> tx.writeHoldingRegisters(map -> {
                byte[] old = map.getOrDefault(counter, new byte[2]);
                int next = ((old[0] & 0xFF) << 8 | (old[1] & 0xFF)) + 1;
                map.put(counter, new byte[] {(byte) (next >> 8), (byte) next});
            }));
        }
        for (Refusal refusal : refusals) {
            if (refusal.table() == table && refusal.from() <= last && address <= refusal.to()) {
                throw new ModbusResponseException(table.functionCode(), refusal.code().getCode());
            }
        }
    }
}
