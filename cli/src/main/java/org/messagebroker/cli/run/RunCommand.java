package org.messagebroker.cli.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code broker run all|proxy|server|worker|portal [--data-dir DIR]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts components; 'all' runs every one in this process on embedded defaults.",
                "'all' runs proxy, server, worker and portal in one JVM with the embedded SQLite database",
                "and queue under the data directory. A single role takes its settings from",
                "environment variables (see README)."})
public class RunCommand implements Callable<Integer> {

    enum Target { all, proxy, server, worker, portal }

    @Parameters(index = "0", paramLabel = "ROLE", description = "One of: ${COMPLETION-CANDIDATES}")
    Target target;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
            description = "Where certificates, keys, database and queue live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        List<Role> roles = target == Target.all ? List.of(Role.values())
                : List.of(Role.valueOf(target.name().toUpperCase()));
        try {
            List<ConfigurableApplicationContext> started = RoleLauncher.start(roles, dataDir, Map.of());
            if (started.size() > 1) {
                // Stop in the reverse order of starting: proxies stop accepting and workers finish their
                // deliveries while the server is still there to take them.
                Runtime.getRuntime().addShutdownHook(new Thread(
                        () -> started.reversed().forEach(ConfigurableApplicationContext::close), "broker-shutdown"));
            }
        } catch (RoleLauncher.LaunchException e) {
            System.err.println("broker: " + e.getMessage());
            return 1;
        }
        System.out.println(StartupSummary.describe(roles, dataDir.toAbsolutePath().normalize()));
        return 0;
    }
}
