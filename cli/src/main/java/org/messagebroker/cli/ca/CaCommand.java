package org.messagebroker.cli.ca;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.messagebroker.server.ca.CertificateAuthority;
import org.messagebroker.server.install.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code broker ca init}: creates the CA and everything else a new installation needs, without starting it. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "Manages the certificate authority.",
        subcommands = {CaCommand.Init.class})
public class CaCommand {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates the CA (key encrypted at rest with BROKER_CA_PASSPHRASE, or a generated",
                    "passphrase in DIR/secrets/ca-passphrase), the components' certificates, the demo client",
                    "certificate and the server's keys. Refuses a directory that has a CA already."})
    static class Init implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
                description = "The installation's data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa4096",
                description = "The CA's key: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        CertificateAuthority.KeyType keyType;

        @Override
        public Integer call() {
            Installation installation = new Installation(dataDir, Clock.systemUTC(), keyType);
            if (installation.hasCa()) {
                System.err.println("broker: " + dataDir.toAbsolutePath().normalize() + " has a CA already;"
                        + " refusing to replace it");
                return 1;
            }
            installation.prepare();
            System.out.println("Created a " + keyType + " CA and the installation's certificates and keys in "
                    + dataDir.toAbsolutePath().normalize());
            return 0;
        }
    }
}
