package org.messagebroker.core.intake;

import java.util.List;
import org.messagebroker.core.message.MessageValidator.FieldError;

/** The submission breaks the input rules; answered with 400 naming each field. */
public class InvalidSubmissionException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidSubmissionException(List<FieldError> errors) {
        super(errors.stream().map(error -> error.field() + " " + error.reason()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid message"));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
