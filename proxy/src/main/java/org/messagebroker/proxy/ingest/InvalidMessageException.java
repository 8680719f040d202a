package org.messagebroker.proxy.ingest;

import java.util.List;
import org.messagebroker.core.message.MessageValidator.FieldError;

/** The submitted message breaks the input rules; answered with 400 naming each field. */
class InvalidMessageException extends RuntimeException {

    private final List<FieldError> errors;

    InvalidMessageException(List<FieldError> errors) {
        super("invalid message");
        this.errors = errors;
    }

    List<FieldError> errors() {
        return errors;
    }
}
