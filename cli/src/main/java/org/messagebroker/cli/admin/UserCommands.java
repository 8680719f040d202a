package org.messagebroker.cli.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code broker admin user list|create|delete|password|role|activate|deactivate}. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages portal users.",
        subcommands = {UserCommands.ListUsers.class, UserCommands.Create.class, UserCommands.Delete.class,
                UserCommands.Password.class, UserCommands.Role.class})
class UserCommands {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users.")
    static class ListUsers implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            JsonNode users = server.get("/admin/users?per_page=100").path("users");
            if (json) {
                System.out.println(users.toPrettyString());
                return 0;
            }
            System.out.printf("%-6s %-32s %-6s %-7s %-20s %s%n", "ID", "EMAIL", "ROLE", "ACTIVE", "CLIENT", "LAST LOGIN");
            for (JsonNode u : users) {
                System.out.printf("%-6s %-32s %-6s %-7s %-20s %s%n", u.path("id").asString(), u.path("email").asString(),
                        u.path("role").asString(), u.path("is_active").asString(), u.path("client_id").asString(""),
                        u.path("last_login").asString(""));
            }
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a user; the password is asked for.")
    static class Create implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "EMAIL") String email;
        @Option(names = "--role", defaultValue = "user") String role;
        @Option(names = "--client-id") String clientId;
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Else BROKER_NEW_PASSWORD, else a prompt.")
        java.nio.file.Path passwordFile;

        @Override
        public Integer call() {
            Map<String, Object> body = new HashMap<>();
            body.put("email", email);
            body.put("password", NewPassword.read(passwordFile));
            body.put("role", role);
            body.put("client_id", clientId);
            JsonNode created = server.post("/admin/users", body);
            System.out.println("Created user " + created.path("id").asString() + " " + email + " (" + role + ")");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a user.")
    static class Delete implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "ID") long id;

        @Override
        public Integer call() {
            server.send("DELETE", "/admin/users/" + id, null);
            System.out.println("Deleted user " + id);
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Sets a user's password; ends their sessions.")
    static class Password implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "ID") long id;
        @Option(names = "--new-password-file", paramLabel = "FILE") java.nio.file.Path passwordFile;

        @Override
        public Integer call() {
            server.post("/admin/users/" + id + "/password", Map.of("password", NewPassword.read(passwordFile)));
            System.out.println("Password of user " + id + " reset");
            return 0;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Sets a user's role, active flag or client.")
    static class Role implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(index = "0", paramLabel = "ID") long id;
        @Parameters(index = "1", paramLabel = "ROLE", arity = "0..1", description = "user or admin") String role;
        @Option(names = "--active", arity = "1") Boolean active;
        @Option(names = "--client-id") String clientId;

        @Override
        public Integer call() {
            Map<String, Object> body = new HashMap<>();
            body.put("role", role);
            body.put("is_active", active);
            body.put("client_id", clientId);
            JsonNode user = server.send("PUT", "/admin/users/" + id, body);
            System.out.println("User " + id + ": " + user.path("role").asString() + ", active "
                    + user.path("is_active").asString() + ", client " + user.path("client_id").asString(""));
            return 0;
        }
    }
}
