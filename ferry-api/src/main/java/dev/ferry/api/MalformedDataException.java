package dev.ferry.api;

/** The device answered, but with data that cannot be turned into readings (a bad frame, a value out of type). */
public class MalformedDataException extends Exception {

    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
