package org.messagebroker.cli.admin;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.Callable;
import org.springframework.web.util.UriUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "client", mixinStandardHelpOptions = true, description = "Manages client systems.",
        subcommands = ClientCommands.RateLimit.class)
class ClientCommands {

    @Command(name = "rate-limit", mixinStandardHelpOptions = true,
            description = "Sets how many messages a minute a client may send (all proxies and the portal together), "
                    + "or 'default' to return it to RATE_LIMIT_PER_MINUTE. Proxies apply it within seconds.")
    static class RateLimit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminConnection server;
        @Parameters(index = "0", paramLabel = "CLIENT_ID") String clientId;
        @Parameters(index = "1", paramLabel = "PER_MINUTE|default") String limit;

        @Override
        public Integer call() {
            Integer perMinute = limit.equals("default") ? null : parse(limit);
            server.send("PUT", "/admin/clients/" + UriUtils.encodePathSegment(clientId, StandardCharsets.UTF_8)
                    + "/rate-limit", Collections.singletonMap("requests_per_minute", perMinute));
            System.out.println("Rate limit of " + clientId + ": "
                    + (perMinute == null ? "the default" : perMinute + " requests a minute"));
            return 0;
        }

        private Integer parse(String value) {
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(),
                        "PER_MINUTE must be a whole number of requests or 'default', not '" + value + "'");
            }
        }
    }
}
