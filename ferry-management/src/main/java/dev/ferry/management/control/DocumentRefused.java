package dev.ferry.management.control;

/** A desired document that is not accepted, with the reason to report; not a bug, so no stack trace. */
public final class DocumentRefused extends Exception {

    public DocumentRefused(String reason) {
        super(reason, null, false, false);
    }
}
