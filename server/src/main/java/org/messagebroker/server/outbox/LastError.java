package org.messagebroker.server.outbox;

/** The error of an outbox item's last failed attempt, cut to what its {@code last_error} column holds. */
public final class LastError {

    private static final int COLUMN_LENGTH = 255;

    private LastError() {
    }

    public static String fitted(String error) {
        return error == null || error.length() <= COLUMN_LENGTH ? error
                : error.substring(0, COLUMN_LENGTH - 3) + "...";
    }
}
