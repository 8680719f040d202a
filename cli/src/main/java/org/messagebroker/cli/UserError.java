package org.messagebroker.cli;

/**
 * Something the operator can fix (a missing file, a wrong option, a server that does not answer): the
 * command prints the message, without a stack trace, and exits with status 1.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
