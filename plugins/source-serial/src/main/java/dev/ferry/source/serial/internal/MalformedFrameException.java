package dev.ferry.source.serial.internal;

/** A frame the device sent that cannot be understood; expected, so it carries no stack trace. */
final class MalformedFrameException extends Exception {

    MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
