package org.messagebroker.server.user;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On the first start (no admin exists) creates an admin with a random password, prints it once and
 * writes it to {@code initial-admin.txt} (mode 0600). There is never a known default password.
 */
@Component
class InitialAdmin implements ApplicationRunner {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final String email;
    private final Path file;

    InitialAdmin(UserRepository users, PasswordEncoder passwords, ServerSettings settings) {
        this.users = users;
        this.passwords = passwords;
        this.email = settings.initialAdmin().email();
        this.file = settings.dataDir().resolve("initial-admin.txt");
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.countAdmins() > 0) {
            return;
        }
        String password = randomPassword();
        users.create(email, passwords.encode(password), "admin", null);
        PemFiles.writeOwnerOnly(file, "email=" + email + "\npassword=" + password + "\n");
        // Where, never what: `broker run` says so again in its summary, after everything has started.
        log.warn("Initial admin account {} created; its password is in {} (mode 0600)", email, file);
    }

    static String randomPassword() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
