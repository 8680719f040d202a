package org.messagebroker.server.notification;

import java.util.Properties;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text e-mail through the configured SMTP server: STARTTLS required by default (the server's
 * certificate and name checked against the JDK's CAs and those of {@code SMTP_TRUSTED_CA}), SMTPS, or
 * none for a relay on this host. Disabled while no host is set.
 */
@Component
public class Mailer {

    private final ServerSettings.Mail settings;
    private final JavaMailSenderImpl sender;

    Mailer(ServerSettings.Mail settings) {
        this.settings = settings;
        this.sender = settings.enabled() ? sender(settings) : null;
    }

    public boolean enabled() {
        return sender != null;
    }

    /** Throws {@link org.springframework.mail.MailException} saying why, when the server refused or was not reached. */
    public void send(String to, String subject, String text) {
        if (sender == null) {
            throw new IllegalStateException("e-mail is not configured (SMTP_HOST)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        sender.send(message);
    }

    private static JavaMailSenderImpl sender(ServerSettings.Mail settings) {
        if (settings.from().isBlank()) {
            throw new IllegalStateException("MAIL_FROM (broker.mail.from) is required when SMTP_HOST is set");
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        if (!settings.username().isBlank()) {
            sender.setUsername(settings.username());
            sender.setPassword(settings.password());
        }
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties properties = new Properties();
        String protocol = switch (settings.security()) {
            case "smtps" -> "smtps";
            case "starttls", "none" -> "smtp";
            default -> throw new IllegalStateException("SMTP_SECURITY must be starttls, smtps or none, not "
                    + settings.security());
        };
        sender.setProtocol(protocol);
        properties.put("mail." + protocol + ".auth", Boolean.toString(!settings.username().isBlank()));
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        if (settings.security().equals("starttls")) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (!settings.security().equals("none")) {
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
            if (settings.trustedCa() != null) {
                properties.put("mail." + protocol + ".ssl.socketFactory",
                        TlsContexts.publicCasAnd(settings.trustedCa()).getSocketFactory());
            }
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
