package org.messagebroker.core.queue;

/** The queue backend cannot be reached or did not confirm in time; nothing was accepted. */
public class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
