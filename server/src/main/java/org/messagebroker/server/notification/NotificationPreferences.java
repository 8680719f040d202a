package org.messagebroker.server.notification;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The e-mails a user wants. {@code certificateExpiringDays} null is off; otherwise a notice that long
 * before the client's certificate expires. The daily summary is for admins.
 */
public record NotificationPreferences(
        @JsonProperty("dead_letters") Boolean deadLetters,
        @JsonProperty("certificate_expiring_days") Integer certificateExpiringDays,
        @JsonProperty("account_locked") Boolean accountLocked,
        @JsonProperty("daily_summary") Boolean dailySummary) {

    public static final NotificationPreferences NONE = new NotificationPreferences(false, null, false, false);

    boolean wants(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
