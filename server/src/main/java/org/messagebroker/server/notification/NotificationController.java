package org.messagebroker.server.notification;

import java.util.Map;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.paging.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Each user's e-mail choices ({@code /portal/profile/notifications}), and the admin's view of the outbox. */
@RestController
class NotificationController {

    private final NotificationRepository preferences;
    private final EmailOutboxRepository outbox;
    private final Mailer mailer;

    NotificationController(NotificationRepository preferences, EmailOutboxRepository outbox, Mailer mailer) {
        this.preferences = preferences;
        this.outbox = outbox;
        this.mailer = mailer;
    }

    @GetMapping("/portal/profile/notifications")
    Map<String, Object> get(@AuthenticationPrincipal(expression = "id") long userId) {
        return Map.of("email_enabled", mailer.enabled(), "preferences", preferences.preferences(userId));
    }

    @PutMapping("/portal/profile/notifications")
    Map<String, Object> save(@AuthenticationPrincipal(expression = "id") long userId,
            @AuthenticationPrincipal(expression = "admin") boolean admin, @RequestBody NotificationPreferences wanted) {
        Integer days = wanted.certificateExpiringDays();
        if (days != null && (days < 1 || days > 365)) {
            throw new Rejection.Invalid("certificate_expiring_days must be 1 to 365, or null for none");
        }
        if (wanted.wants(wanted.dailySummary()) && !admin) {
            throw new Rejection.Invalid("daily_summary is for administrators");
        }
        preferences.save(userId, wanted);
        return get(userId);
    }

    @PostMapping("/admin/mail/test")
    Map<String, Object> test(@RequestBody Map<String, String> request) {
        String to = request.get("to");
        if (to == null || !to.matches("[^@\\s]+@[^@\\s]+")) {
            throw new Rejection.Invalid("to must be an e-mail address");
        }
        if (!mailer.enabled()) {
            throw new Rejection.Conflict("E-mail is not configured: set SMTP_HOST and MAIL_FROM");
        }
        try {
            mailer.send(to, "[Message Broker] Test e-mail", "This is a test e-mail from Message Broker: its SMTP"
                    + " settings work.\n");
        } catch (org.springframework.mail.MailException e) {
            throw new Rejection.Conflict("The SMTP server did not take the e-mail: " + e.getMostSpecificCause().getMessage());
        }
        return Map.of("sent", true, "to", to);
    }

    @GetMapping("/admin/mail/outbox")
    Object list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        if (status != null && !status.matches("pending|sent|failed")) {
            throw new Rejection.Invalid("status must be pending, sent or failed");
        }
        Paging paging = Paging.of(page, perPage);
        return paging.answer("emails", outbox.recent(status, paging.offset(), paging.limit()), () -> outbox.count(status));
    }
}
