package dev.ferry.source.opcua.internal;

import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;

/** The symbolic names of OPC UA status codes ({@code Bad_UserAccessDenied}) for messages and health reasons. */
final class StatusNames {

    private StatusNames() {}

    static String name(StatusCode status) {
        return name(status.getValue());
    }

    static String name(long value) {
        long withoutInfoBits = value & 0xFFFF0000L;
        return StatusCodes.lookup(withoutInfoBits)
                .map(names -> names[0])
                .orElse(String.format("0x%08X", value));
    }

    /** The status name and what the exception or the specification says about it. */
    static String describe(UaException e) {
        String name = name(e.getStatusCode());
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.startsWith("status=")) {
            String description = StatusCodes.lookup(e.getStatusCode().getValue() & 0xFFFF0000L)
                    .map(names -> names[1]).orElse("");
            return description.isBlank() ? name : name + " (" + description + ")";
        }
        return message.contains(name) ? message : name + ": " + message;
    }
}
