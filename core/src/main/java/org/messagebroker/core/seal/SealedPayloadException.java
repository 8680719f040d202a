package org.messagebroker.core.seal;

/** A sealed payload that cannot be opened: tampered, truncated, or sealed for another key or message. */
public class SealedPayloadException extends RuntimeException {

    public SealedPayloadException(String message) {
        super(message);
    }

    public SealedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
