package org.messagebroker.server.notification;

/** What a user can be told by e-mail, and the subject line of the e-mail that tells it. */
public enum NotificationKind {
    DEAD_LETTERS("Messages of your client failed"),
    CERTIFICATE_EXPIRING("Your client certificate expires soon"),
    ACCOUNT_LOCKED("Your Message Broker account was locked"),
    DAILY_SUMMARY("Message Broker daily summary");

    private final String subject;

    NotificationKind(String subject) {
        this.subject = subject;
    }

    public String subject() {
        return "[Message Broker] " + subject;
    }
}
