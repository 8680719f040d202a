package org.messagebroker.server.message;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.core.message.MessageValidator;
import org.messagebroker.server.client.ClientIds;
import org.messagebroker.server.keys.BlindIndex;
import org.messagebroker.server.user.UserAccount;

/**
 * Turns the portal's query parameters into a {@link MessageFilter} scoped to what the caller may see:
 * an admin everything (or one client), a user only their own client's messages.
 */
final class MessageQuery {

    private static final Set<String> STATUSES = Set.of("queued", "processing", "delivered", "failed");

    private MessageQuery() {
    }

    /** Null when the user has no client and so can see nothing. */
    static MessageFilter filter(UserAccount user, String clientId, String status, String fromDate, String toDate,
            String sender, BlindIndex blindIndex) {
        if (status != null && !status.isEmpty() && !STATUSES.contains(status)) {
            throw bad("status must be one of queued, processing, delivered, failed");
        }
        String scope = user.isAdmin() ? blankToNull(clientId) : user.clientId();
        if (scope != null && !ClientIds.wellFormed(scope)) {
            throw bad("client_id must be 1 to " + ClientIds.MAX_LENGTH + " letters, digits, '.', '_' or '-'");
        }
        if (!user.isAdmin() && scope == null) {
            return null;
        }
        String senderHash = null;
        if (sender != null && !sender.isBlank()) {
            if (!MessageValidator.validate(sender, "x").isEmpty()) {
                throw bad("sender must be a full number in E.164 format, e.g. +4915200000000");
            }
            senderHash = blindIndex.of(sender);
        }
        return new MessageFilter(scope, blankToNull(status), instant(fromDate, false), instant(toDate, true), senderHash);
    }

    /** An ISO date (the whole day, in UTC) or date-time; {@code end} makes a date mean the next midnight. */
    private static Instant instant(String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad("from_date and to_date must be ISO dates (2026-11-21) or date-times (2026-11-21T10:00:00Z)");
        }
    }


    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Rejection bad(String detail) {
        return new Rejection.Invalid(detail);
    }
}
