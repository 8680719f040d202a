package org.messagebroker.server.notification;

import java.time.Clock;
import org.messagebroker.server.auth.AuthEvents;
import org.messagebroker.server.deadletter.DeadLetterEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes what users asked to be told into the e-mail outbox, in the transaction of the change it reports.
 * Nothing is written while e-mail is not configured: there would be no one to send it.
 */
@Component
class EmailOutbox {

    private final EmailOutboxRepository outbox;
    private final NotificationRepository preferences;
    private final Mailer mailer;
    private final Clock clock;

    EmailOutbox(EmailOutboxRepository outbox, NotificationRepository preferences, Mailer mailer, Clock clock) {
        this.outbox = outbox;
        this.preferences = preferences;
        this.mailer = mailer;
        this.clock = clock;
    }

    @EventListener
    void on(DeadLetterEvents.Recorded e) {
        if (!mailer.enabled()) {
            return;
        }
        for (long userId : preferences.deadLetterRecipients(e.clientId())) {
            outbox.insert(userId, NotificationKind.DEAD_LETTERS, e.messageId(), "Message " + e.messageId()
                    + " of client " + e.clientId() + " failed (" + e.cause() + ").", clock.instant());
        }
    }

    @EventListener
    void on(AuthEvents.AccountLocked e) {
        if (mailer.enabled() && preferences.wantsAccountLocked(e.userId())) {
            outbox.insert(e.userId(), NotificationKind.ACCOUNT_LOCKED, "until-" + e.until().getEpochSecond(),
                    "After several wrong passwords (the last from " + e.ip() + "), sign-ins from addresses you"
                            + " have not used before are refused until " + e.until() + " (UTC). If this was not you,"
                            + " change your password once you are in again.", clock.instant());
        }
    }

    /** Records a line unless the same one was recorded before; for the scheduled notices. */
    boolean record(long userId, NotificationKind kind, String dedupeKey, String line) {
        return mailer.enabled() && outbox.insert(userId, kind, dedupeKey, line, clock.instant());
    }
}
