package org.messagebroker.server.notification;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification columns of {@code users}: each user's choices, and who wants to hear of what. */
@Repository
class NotificationRepository {

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    NotificationPreferences preferences(long userId) {
        return jdbc.sql("SELECT notify_dead_letters, notify_certificate_days, notify_account_locked,"
                        + " notify_daily_summary FROM users WHERE id = ?").param(userId)
                .query((rs, row) -> {
                    int days = rs.getInt(2);
                    Integer certificateDays = rs.wasNull() ? null : days;
                    return new NotificationPreferences(rs.getInt(1) == 1, certificateDays, rs.getInt(3) == 1,
                            rs.getInt(4) == 1);
                }).single();
    }

    void save(long userId, NotificationPreferences preferences) {
        jdbc.sql("UPDATE users SET notify_dead_letters = ?, notify_certificate_days = ?, notify_account_locked = ?,"
                        + " notify_daily_summary = ? WHERE id = ?")
                .params(flag(preferences.deadLetters()), preferences.certificateExpiringDays(),
                        flag(preferences.accountLocked()), flag(preferences.dailySummary()), userId)
                .update();
    }

    /** Active users of the client who want to hear of its dead letters. */
    List<Long> deadLetterRecipients(String clientId) {
        return jdbc.sql("SELECT id FROM users WHERE client_id = ? AND is_active = TRUE AND notify_dead_letters = 1")
                .param(clientId).query(Long.class).list();
    }

    boolean wantsAccountLocked(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE id = ? AND notify_account_locked = 1").param(userId)
                .query(Long.class).single() > 0;
    }

    /** Active users who asked to be told of their client's certificate's end, with how many days before. */
    List<ExpiryWatch> expiryWatches() {
        return jdbc.sql("SELECT id, client_id, notify_certificate_days FROM users WHERE is_active = TRUE"
                        + " AND notify_certificate_days IS NOT NULL AND client_id IS NOT NULL")
                .query((rs, row) -> new ExpiryWatch(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
    }

    List<Long> dailySummaryRecipients() {
        return jdbc.sql("SELECT id FROM users WHERE role = 'admin' AND is_active = TRUE AND notify_daily_summary = 1")
                .query(Long.class).list();
    }

    String email(long userId) {
        return jdbc.sql("SELECT email FROM users WHERE id = ?").param(userId).query(String.class).single();
    }

    private static int flag(Boolean value) {
        return Boolean.TRUE.equals(value) ? 1 : 0;
    }

    record ExpiryWatch(long userId, String clientId, int days) {
    }
}
