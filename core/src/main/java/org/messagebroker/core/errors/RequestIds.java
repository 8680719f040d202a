package org.messagebroker.core.errors;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids: {@code req_} and 16 hex digits. They match a client's complaint to a log line and protect nothing. */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next() {
        return "req_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
