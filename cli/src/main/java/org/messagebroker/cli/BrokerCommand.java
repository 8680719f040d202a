package org.messagebroker.cli;

import org.messagebroker.cli.admin.AdminCommand;
import org.messagebroker.cli.admin.AuditCommand;
import org.messagebroker.cli.admin.CertsCommand;
import org.messagebroker.cli.admin.SmokeTestCommand;
import org.messagebroker.cli.backup.BackupCommand;
import org.messagebroker.cli.backup.RestoreCommand;
import org.messagebroker.cli.bench.BenchCommand;
import org.messagebroker.cli.check.CheckCommand;
import org.messagebroker.cli.ca.CaCommand;
import org.messagebroker.cli.keys.KeysCommand;
import org.messagebroker.cli.run.RunCommand;
import org.messagebroker.core.BrokerVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code broker} command: runs the components and, later, administers them. */
@Command(name = "broker", mixinStandardHelpOptions = true, versionProvider = BrokerCommand.Version.class,
        description = "Message Broker System: secure message ingestion over mutual TLS.",
        subcommands = {RunCommand.class, CaCommand.class, CertsCommand.class, KeysCommand.class, AuditCommand.class,
                AdminCommand.class, SmokeTestCommand.class, BackupCommand.class, RestoreCommand.class,
                BenchCommand.class, CheckCommand.class})
public class BrokerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietUntilSpringConfiguresLogging();
        // TLS 1.2 lets a client ask for renegotiation, a known denial-of-service lever; refuse it.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
        // A successful `run` keeps its servers' threads alive; everything else ends here.
    }

    /**
     * Before Spring Boot configures logging (files from INFO up, the console from LOG_CONSOLE_LEVEL), Logback's
     * default would print every DEBUG and INFO line of the installation step on the console.
     */
    private static void quietUntilSpringConfiguresLogging() {
        String level = System.getenv("LOG_CONSOLE_LEVEL");
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
        }
    }

    /** The command line with its error handling: an admin API failure is a message and exit status 1. */
    public static CommandLine commandLine() {
        return new CommandLine(new BrokerCommand()).setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof UserError) {
                line.getErr().println("broker: " + e.getMessage());
                return 1;
            }
            throw e;
        });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'broker run all'");
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"broker " + BrokerVersion.get() + " (Java " + Runtime.version() + ")"};
        }
    }
}
