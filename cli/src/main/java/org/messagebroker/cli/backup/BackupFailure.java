package org.messagebroker.cli.backup;

import org.messagebroker.cli.UserError;

/** A backup that cannot be used or made, with a message meant for the operator. */
public class BackupFailure extends UserError {

    public BackupFailure(String message) {
        super(message);
    }
}
