package org.messagebroker.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.messagebroker.cli.database.EmbeddedDatabases;
import org.messagebroker.cli.database.LegacyH2Import;
import org.messagebroker.server.install.Installation;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts roles as sibling Spring contexts in this JVM, each on its own port with its own settings file.
 * Starting the server (alone or with {@code all}) first prepares the data directory; the other roles
 * need the files it created.
 */
public final class RoleLauncher {

    private RoleLauncher() {
    }

    /**
     * @param settings extra settings, lowest precedence (environment variables win); tests pass ports here
     * @throws LaunchException when a role cannot start; the roles already started are closed again
     */
    public static List<ConfigurableApplicationContext> start(List<Role> roles, Path dataDir,
            Map<String, Object> settings) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (roles.contains(Role.SERVER)) {
            new Installation(dir, Clock.systemUTC()).prepare();
            LegacyH2Import.runIfNeeded(dir, configured(settings, "DB_URL"), configured(settings, "QUEUE_JDBC_URL"));
        } else if (LegacyH2Import.queueWaiting(dir) && !configured(settings, "QUEUE_JDBC_URL")) {
            throw new LaunchException("cannot start the " + roles.getFirst().displayName() + ": the queue of version 1.0"
                    + " in " + dir.resolve("queue") + " has not been imported yet; start the server once first", null);
        }
        for (Role role : roles) {
            requireFiles(role, dir);
        }
        Map<String, Object> defaults = EmbeddedDatabases.settings(dir);
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        for (Role role : roles) {
            try {
                started.add(new SpringApplicationBuilder(role.application)
                        .main(role.application)
                        .properties(defaults)
                        .properties(settings)
                        .properties(roles.size() > 1 ? Map.of("broker.log-file-name", "broker.log") : Map.of())
                        // Several roles in one JVM are stopped together, in order, by the caller's hook.
                        .registerShutdownHook(roles.size() == 1)
                        .run("--spring.config.name=" + role.configName, "--broker.data-dir=" + dir));
            } catch (RuntimeException e) {
                started.reversed().forEach(ConfigurableApplicationContext::close);
                throw new LaunchException("cannot start the " + role.displayName() + ": " + reason(e), e);
            }
        }
        return started;
    }

    /** Whether a setting is given, by the caller, as an environment variable or as a Java property. */
    private static boolean configured(Map<String, Object> settings, String name) {
        Object value = settings.getOrDefault(name, System.getenv().getOrDefault(name, System.getProperty(name)));
        return value != null && !value.toString().isBlank();
    }

    private static void requireFiles(Role role, Path dir) {
        List<String> needed = switch (role) {
            case SERVER -> List.of();
            case PROXY -> List.of("ca.crt", "tls/proxy.crt", "tls/proxy.key", "keys/sealing-public.pem");
            case WORKER -> List.of("ca.crt", "tls/worker.crt", "tls/worker.key");
            case PORTAL -> List.of("ca.crt", "tls/portal.crt", "tls/portal.key");
        };
        for (String file : needed) {
            if (Files.notExists(dir.resolve(file))) {
                throw new LaunchException("cannot start the " + role.displayName() + ": " + dir.resolve(file)
                        + " is missing. Start the server once on this data directory ('broker run server --data-dir "
                        + dir + "') or copy the file from the server's data directory.", null);
            }
        }
    }

    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException portInUse) {
                return "port " + portInUse.getPort() + " is already in use";
            }
            if (cause instanceof FlywayValidateException) {
                return "the database schema does not match this version of the broker (it is newer, or was"
                        + " changed by hand): " + cause.getMessage().lines()
                        .filter(line -> line.startsWith("Detected")).findFirst().orElse(cause.getMessage());
            }
            if (cause instanceof SQLException sql) {
                return "database error: " + sql.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A role could not start; the message says which and why. */
    public static class LaunchException extends RuntimeException {
        LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
