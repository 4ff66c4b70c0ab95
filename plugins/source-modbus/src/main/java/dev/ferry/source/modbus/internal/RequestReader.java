package dev.ferry.source.modbus.internal;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.exceptions.ModbusCrcException;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ModbusRequestPdu;
import com.digitalpetri.modbus.pdu.ModbusResponsePdu;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import dev.ferry.api.Deadline;
import dev.ferry.api.MalformedDataException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one planned request and sorts what comes back into the fault tiers: an exception response, or an answer
 * that does not fit the request, is the device answering wrongly ({@link MalformedDataException}); no answer, or
 * a connection lost, is transient ({@link IOException}) and drops the connection.
 */
final class RequestReader {

    private final ModbusLink link;
    private final int unitId;
    private final Duration timeout;

    RequestReader(ModbusLink link, int unitId, Duration timeout) {
        this.link = link;
        this.unitId = unitId;
        this.timeout = timeout;
    }

    /** The registers (two bytes each, as on the wire) or the packed bits the request asked for. */
    byte[] read(ModbusLink.Connection connection, ReadRequest request, Deadline deadline)
            throws IOException, MalformedDataException, InterruptedException {
        long wait = Waits.nanosLeft(deadline);
        if (wait <= 0) {
            throw noAnswer(request);
        }
        CompletableFuture<ModbusResponsePdu> response =
                connection.client().sendAsync(unitId, pdu(request)).toCompletableFuture();
        try {
            CompletableFuture.anyOf(response, connection.lost()).get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw noAnswer(request);
        } catch (ExecutionException e) {
            // The response failed: sorted out below.
        } catch (InterruptedException e) {
            link.drop();
            throw e;
        }
        switch (response.state()) {
            case SUCCESS -> {
                return payload(request, response.resultNow());
            }
            case FAILED -> {
                Exception fault = failure(connection, request, Causes.unwrap(response.exceptionNow()));
                if (fault instanceof MalformedDataException malformed) {
                    throw malformed;
                }
                throw (IOException) fault;
            }
            default -> {
                link.drop();
                throw new IOException("lost the connection to " + link.peer() + " " + reading(request)
                        + ": the connection was closed");
            }
        }
    }

    private static ModbusRequestPdu pdu(ReadRequest request) {
        return switch (request.table()) {
            case HOLDING -> new ReadHoldingRegistersRequest(request.address(), request.count());
            case INPUT -> new ReadInputRegistersRequest(request.address(), request.count());
            case COIL -> new ReadCoilsRequest(request.address(), request.count());
            case DISCRETE_INPUT -> new ReadDiscreteInputsRequest(request.address(), request.count());
        };
    }

    private byte[] payload(ReadRequest request, ModbusResponsePdu response) throws MalformedDataException {
        byte[] data = switch (response) {
            case ReadHoldingRegistersResponse r -> r.registers();
            case ReadInputRegistersResponse r -> r.registers();
            case ReadCoilsResponse r -> r.coils();
            case ReadDiscreteInputsResponse r -> r.inputs();
            default -> throw new MalformedDataException(String.format(Locale.ROOT, "unexpected answer (function code 0x%02X) %s",
                    response.getFunctionCode(), reading(request)));
        };
        int expected = request.table().holdsBits() ? (request.count() + 7) / 8 : request.count() * 2;
        if (data.length != expected) {
            throw new MalformedDataException("answer of " + data.length + " bytes " + reading(request) + ", expected "
                    + expected);
        }
        return data;
    }

    /**
     * What a request that failed with {@code cause} throws: a {@link MalformedDataException} or an
     * {@link IOException}; drops the connection when the fault is transient.
     */
    private Exception failure(ModbusLink.Connection connection, ReadRequest request, Throwable cause) {
        return switch (cause) {
            case ModbusResponseException e -> new MalformedDataException(
                    exceptionName(connection.exceptionCode().applyAsInt(e.getExceptionCode())) + " " + reading(request));
            case ModbusCrcException e -> new MalformedDataException("answer with a bad CRC " + reading(request));
            case TimeoutException e -> noAnswer(request);
            // The library's own complaints about an answer (an unexpected function code, a short exception frame).
            case ModbusException e when e.getCause() == null ->
                    new MalformedDataException("unexpected answer " + reading(request) + ": " + Causes.describe(e));
            // The answer's PDU could not be decoded.
            case RuntimeException e -> new MalformedDataException("undecodable answer " + reading(request) + ": " + Causes.describe(e));
            default -> {
                link.drop();
                yield new IOException("lost the connection to " + link.peer() + " " + reading(request) + ": " + Causes.describe(cause));
            }
        };
    }

    private IOException noAnswer(ReadRequest request) {
        link.drop();
        return new IOException("no answer from unit " + unitId + " within " + written(timeout) + " " + reading(request));
    }

    private String reading(ReadRequest request) {
        return "reading " + request.describe() + " from unit " + unitId;
    }

    /** {@code ILLEGAL_DATA_ADDRESS (0x02)}; codes the standard does not name show as {@code UNKNOWN_EXCEPTION (0x7F)}. */
    static String exceptionName(int code) {
        String name = ExceptionCode.from(code).map(Enum::name).orElse("UNKNOWN_EXCEPTION");
        return String.format(Locale.ROOT, "%s (0x%02X)", name, code);
    }

    /** A duration as a config file writes it: {@code 5s}, {@code 250ms}. */
    static String written(Duration duration) {
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
