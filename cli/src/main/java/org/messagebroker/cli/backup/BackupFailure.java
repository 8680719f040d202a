package org.messagebroker.cli.backup;

/** A backup that cannot be used or made, with a message meant for the operator. */
public class BackupFailure extends RuntimeException {

    public BackupFailure(String message) {
        super(message);
    }
}
