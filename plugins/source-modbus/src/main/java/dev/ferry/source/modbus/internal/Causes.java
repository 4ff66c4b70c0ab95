package dev.ferry.source.modbus.internal;

import com.digitalpetri.modbus.exceptions.ModbusExecutionException;
import dev.ferry.api.failure.Failures;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Short descriptions of the failures the Modbus library hands back, for messages without stack traces. */
final class Causes {

    private Causes() {}

    /** The innermost meaningful cause, unwrapped from the futures' wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof ModbusExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String describe(Throwable failure) {
        return Failures.describe(unwrap(failure));
    }
}
