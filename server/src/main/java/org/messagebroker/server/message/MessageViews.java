package org.messagebroker.server.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.server.user.UserAccount;

/** How a stored message is shown to a person: masked number, body or placeholder, as JSON or CSV. */
final class MessageViews {

    static final String PLACEHOLDER = "[encrypted]";
    private static final String[] CSV_COLUMNS = {"message_id", "client_id", "sender_number_masked", "status",
            "attempt_count", "created_at", "queued_at", "delivered_at", "message_body"};

    private final MessageCrypto crypto;
    private final boolean usersSeeBodies;

    MessageViews(MessageCrypto crypto, boolean usersSeeBodies) {
        this.crypto = crypto;
        this.usersSeeBodies = usersSeeBodies;
    }

    Map<String, Object> item(StoredMessage m, UserAccount viewer) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", m.id());
        item.put("message_id", m.messageId());
        item.put("client_id", m.clientId());
        item.put("sender_number_masked", crypto.maskedSender(m));
        item.put("status", m.status());
        item.put("attempt_count", m.attemptCount());
        item.put("created_at", m.createdAt());
        item.put("queued_at", m.queuedAt());
        item.put("delivered_at", m.deliveredAt());
        item.put("domain", m.domain());
        item.put("message_body", viewer.isAdmin() || usersSeeBodies ? crypto.body(m) : PLACEHOLDER);
        return item;
    }

    /** An item as Message Broker 1.0's list gave it: a body only for those who may read it, else null. */
    Map<String, Object> originalItem(StoredMessage m, UserAccount viewer) {
        Map<String, Object> item = item(m, viewer);
        if (PLACEHOLDER.equals(item.get("message_body"))) {
            item.put("message_body", null);
        }
        return item;
    }

    Map<String, Object> detail(StoredMessage m, UserAccount viewer) {
        Map<String, Object> detail = item(m, viewer);
        detail.put("last_attempt_at", m.lastAttemptAt());
        detail.put("error_message", m.errorMessage());
        return detail;
    }

    String csv(List<StoredMessage> rows, UserAccount viewer) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (StoredMessage m : rows) {
            Map<String, Object> item = item(m, viewer);
            for (int i = 0; i < CSV_COLUMNS.length; i++) {
                csv.append(i == 0 ? "" : ",").append(cell(item.get(CSV_COLUMNS[i])));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /** RFC 4180 quoting, and a leading quote mark before =, +, -, @ so a spreadsheet runs no formula. */
    static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
