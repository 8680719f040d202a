package org.messagebroker.core.intake;

import org.jspecify.annotations.Nullable;

/**
 * Who submits a message: the client it is sent as, the serial (hex) of the certificate it came with
 * ({@code null} from the portal), and the client's rate limit in requests a minute (0: none), drawn from
 * the one bucket every entry point shares.
 */
public record Origin(String clientId, @Nullable String certificateSerial, int ratePerMinute) {
}
