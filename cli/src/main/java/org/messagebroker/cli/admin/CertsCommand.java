package org.messagebroker.cli.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.messagebroker.cli.renewal.OwnCertificateRenewal;
import org.messagebroker.cli.renewal.RenewalAgent;
import org.messagebroker.cli.renewal.RenewalSchedule;
import org.messagebroker.core.tls.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code broker certs …}: the certificate lifecycle through the server's admin API, no OpenSSL needed. */
@Command(name = "certs", aliases = "cert", mixinStandardHelpOptions = true, description = "Issues, renews, revokes, lists and verifies certificates.",
        subcommands = {CertsCommand.Generate.class, CertsCommand.Renew.class, CertsCommand.Revoke.class,
                CertsCommand.ListCertificates.class, CertsCommand.IssueComponent.class, VerifyCommand.class})
public class CertsCommand {

    /** The connection options, accepted here too: {@code broker certs --server URL generate NAME}. */
    @Mixin AdminConnection connection;

    /** Writes what the server answered: certificate, and the key and PKCS#12 when it generated the key. */
    static void save(JsonNode issued, String name, Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PemFiles.writePublic(out.resolve(name + ".crt"), issued.path("certificate").asString());
        if (issued.hasNonNull("private_key")) {
            PemFiles.writeOwnerOnly(out.resolve(name + ".key"), issued.path("private_key").asString());
        }
        if (issued.hasNonNull("pkcs12")) {
            try {
                Path p12 = out.resolve(name + ".p12");
                Files.write(p12, Base64.getDecoder().decode(issued.path("pkcs12").asString()));
                Files.setPosixFilePermissions(p12, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String key = !issued.hasNonNull("private_key") ? ""
                : issued.hasNonNull("pkcs12") ? " and its key (" + name + ".key, " + name + ".p12; PKCS#12 password: "
                        + issued.path("pkcs12_password").asString() + ")"
                : " and its key (" + name + ".key)";
        System.out.println("Wrote " + out.resolve(name + ".crt") + key);
        System.out.println("Fingerprint " + issued.path("fingerprint").asString() + ", expires "
                + issued.path("expires_at").asString());
    }

    static Map<String, Object> request(String clientId, String domain, Integer days, Path csr) {
        Map<String, Object> body = new HashMap<>();
        body.put("client_id", clientId);
        body.put("domain", domain);
        body.put("validity_days", days);
        if (csr != null) {
            try {
                body.put("csr", Files.readString(csr));
            } catch (IOException e) {
                throw new AdminConnection.AdminException("cannot read " + csr);
            }
        }
        return body;
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Registers a client and issues its certificate.")
    static class Generate implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID") String clientId;
        @Option(names = "--domain") String domain;
        @Option(names = "--days", description = "Validity, 1 to 3650 days (default 365).") Integer days;
        @Option(names = "--csr", paramLabel = "FILE", description = "Use this CSR's key instead of generating one.") Path csr;
        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".") Path out;

        @Override
        public Integer call() {
            save(server.post("/admin/certificates/generate", request(clientId, domain, days, csr)), clientId, out);
            return 0;
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true,
            description = {"Issues another certificate for a client; the old one stays valid until it expires or is"
                    + " revoked.",
                "With --cert and --key, a client renews its own certificate through the proxy (no admin needed):"
                    + " once, or with --watch whenever it is due (two thirds of its lifetime, or --renew-before)."})
    static class Renew implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID", arity = "0..1", description = "The client (as an admin).") String clientId;
        @Option(names = "--days", description = "Validity of the new certificate in days.") Integer days;
        @Option(names = "--csr", paramLabel = "FILE") Path csr;
        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".") Path out;
        @Option(names = "--cert", paramLabel = "FILE", description = "The client's certificate, replaced when renewed.")
        Path certificate;
        @Option(names = "--key", paramLabel = "FILE", description = "Its key, replaced by a new one (mode 0600).")
        Path key;
        @Option(names = "--ca", paramLabel = "FILE", description = "The installation's CA (default: ca.crt beside --cert).")
        Path ca;
        @Option(names = "--proxy", paramLabel = "URL", description = "The proxy, e.g. https://broker.example.com:8001.")
        URI proxy;
        @Option(names = "--watch", description = "Keep running and renew whenever the certificate is due.") boolean watch;
        @Option(names = "--renew-before", paramLabel = "DURATION",
                description = "Renew this long before the end (e.g. 7d) instead of at two thirds of the lifetime.")
        String renewBefore;
        @Option(names = "--check-every", paramLabel = "DURATION", defaultValue = "1h",
                description = "With --watch, read the certificate file again at least this often (default 1h).")
        String checkEvery;
        @Option(names = "--exec", paramLabel = "COMMAND",
                description = "Run after each renewal with sh -c (e.g. to reload the client); BROKER_CERTIFICATE and"
                        + " BROKER_KEY name the files.")
        String hook;

        @Override
        public Integer call() {
            if (certificate != null || key != null) {
                return renewOwn();
            }
            if (clientId == null) {
                throw new AdminConnection.AdminException("name the client to renew (as an admin), or give --cert, --key and --proxy"
                        + " to renew your own certificate");
            }
            save(server.post("/admin/certificates/renew", request(clientId, null, days, csr)), clientId, out);
            return 0;
        }

        private int renewOwn() {
            if (certificate == null || key == null || proxy == null) {
                throw new AdminConnection.AdminException("renewing your own certificate needs --cert, --key and --proxy");
            }
            Path trusted = ca != null ? ca : certificate.toAbsolutePath().resolveSibling("ca.crt");
            RenewalSchedule schedule;
            try {
                schedule = new RenewalSchedule(RenewalSchedule.DEFAULT_SHARE,
                        renewBefore == null ? null : RenewalAgent.duration(renewBefore));
                RenewalAgent agent = new RenewalAgent(new OwnCertificateRenewal(certificate, key, trusted, proxy, days,
                        hook), schedule, RenewalAgent.duration(checkEvery), Clock.systemUTC(), System.out);
                return watch ? agent.watch() : agent.once();
            } catch (IllegalArgumentException e) {
                throw new AdminConnection.AdminException(e.getMessage());
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a client's certificates.")
    static class Revoke implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "CLIENT_ID") String clientId;
        @Option(names = "--reason", required = true) String reason;

        @Override
        public Integer call() {
            JsonNode answer = server.post("/admin/certificates/revoke", Map.of("client_id", clientId, "reason", reason));
            System.out.println("Revoked " + clientId + " at " + answer.path("revoked_at").asString()
                    + "; proxies refuse it within seconds and the CRL lists it.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists certificates.")
    static class ListCertificates implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Option(names = "--status", defaultValue = "all", description = "active, revoked, expired or all") String status;
        @Option(names = "--json", description = "Print the API's JSON.") boolean json;

        @Override
        public Integer call() {
            JsonNode page = server.get("/admin/certificates?per_page=100&status=" + status);
            if (json) {
                System.out.println(page.toPrettyString());
                return 0;
            }
            System.out.printf("%-28s %-10s %-34s %-22s%n", "CLIENT", "STATUS", "SERIAL", "EXPIRES");
            for (JsonNode c : page.path("certificates")) {
                System.out.printf("%-28s %-10s %-34s %-22s%n", c.path("client_id").asString(), c.path("status").asString(),
                        c.path("serial").asString(), c.path("expires_at").asString());
            }
            return 0;
        }
    }

    @Command(name = "issue-component", mixinStandardHelpOptions = true,
            description = "Issues a server/proxy/worker/portal certificate with its host names, into DIR/tls.")
    static class IssueComponent implements Callable<Integer> {
        @Mixin AdminConnection server;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--dns", split = ",", description = "Host names (default localhost).") List<String> dns;
        @Option(names = "--ip", split = ",", description = "IP addresses.") List<String> ips;
        @Option(names = "--days") Integer days;
        @Option(names = "--out", paramLabel = "DIR", description = "Where to write NAME.crt/.key (default DATA_DIR/tls).")
        Path out;

        @Override
        public Integer call() {
            Map<String, Object> body = new HashMap<>();
            body.put("name", name);
            body.put("dns_names", dns);
            body.put("ip_addresses", ips);
            body.put("validity_days", days);
            save(server.post("/admin/certificates/component", body), name,
                    out != null ? out : server.dataDir().resolve("tls"));
            return 0;
        }
    }
}
