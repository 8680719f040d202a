package org.messagebroker.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * The security suite's scans (docs/security.md): every TLS port scanned by sslscan, the files a running
 * installation leaves behind searched for message plaintext, and the repository for secrets.
 */
@Tag("security")
class SecurityScanTest {

    private static final Set<String> STRONG_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305");
    private static final Pattern CIPHER = Pattern.compile("<cipher status=\"(?:accepted|preferred)\" sslversion=\"([^\"]+)\"[^>]* cipher=\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void everyTlsPortOffersOnlyTls12And13WithForwardSecretAeadSuitesAndNoRenegotiation() throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.values()))) {
            for (int port : new int[] {broker.proxyPort, broker.serverPort, broker.internalPort, broker.portalPort}) {
                String scan = sslscan(port);
                assertThat(scan).as("port %d", port).contains("<protocol type=\"ssl\" version=\"2\" enabled=\"0\" />",
                        "<protocol type=\"ssl\" version=\"3\" enabled=\"0\" />",
                        "<protocol type=\"tls\" version=\"1.0\" enabled=\"0\" />",
                        "<protocol type=\"tls\" version=\"1.1\" enabled=\"0\" />",
                        "<protocol type=\"tls\" version=\"1.3\" enabled=\"1\" />",
                        "<renegotiation supported=\"0\"").doesNotContain("vulnerable=\"1\"");
                Matcher ciphers = CIPHER.matcher(scan);
                List<String> offered = new ArrayList<>();
                while (ciphers.find()) {
                    offered.add(ciphers.group(2));
                }
                assertThat(offered).as("suites on port %d", port).isNotEmpty().allMatch(STRONG_SUITES::contains);
            }
        }
    }

    @Test
    void noMessageTextOrSenderNumberIsInTheQueueTheDatabaseTheLogsOrABackup() throws Exception {
        String marker = "plaintext-marker-" + UUID.randomUUID();
        String sender = "+4917" + (10_000_000 + (int) (Math.random() * 89_999_999));
        Path backups = dir.resolve("backups");
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY),
                Map.of("logging.structured.format.file", "ecs"))) {
            String token = broker.adminToken();
            String id = RunningBroker.json(RunningBroker.send(broker.client("demo-client"), RunningBroker.postJson(
                    broker.proxy("/api/v1/messages"), "{\"sender_number\":\"" + sender + "\",\"message_body\":\""
                            + marker + "\"}"))).path("message_id").asString();
            assertThat(containing(dir.resolve("queue"), "demo-client")).as("the search reads the queue database")
                    .isNotEmpty();
            assertThat(containing(dir, marker)).as("files holding the queued message's text").isEmpty();

            broker.start(Role.WORKER);
            broker.awaitDelivered(token, id);
            CommandRun.broker(0, "backup", "--data-dir", dir.toString(), "--out", backups.toString());
        }
        for (String secret : List.of(marker, sender, sender.substring(1))) {
            assertThat(containing(dir, secret)).as("files holding " + secret).isEmpty();
        }
    }

    @Test
    void theRepositoryHoldsNoPrivateKeyOrDefaultCredential() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process git = new ProcessBuilder("git", "ls-files").directory(root.toFile()).start();
        List<String> files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(files).as("git ls-files in " + root).contains("pom.xml");
        // Key material: a PEM private-key block with content (tests name the header only to check output).
        Pattern keyBlock = Pattern.compile("-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----\\s*\\n[A-Za-z0-9+/=]{40,}");
        // A default credential set in configuration (the code keeps a deny-list of known defaults).
        Pattern defaultCredential = Pattern.compile("change_this_secret_in_production"
                + "|(?i)(?:password|secret)\\s*[=:]\\s*['\"]?(?:admin|admin123|password|changeme|secret)['\"]?\\s*$",
                Pattern.MULTILINE);
        List<String> found = new ArrayList<>();
        for (String file : files) {
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path) || Files.size(path) > 2_000_000) {
                continue;
            }
            String text = Files.readString(path, StandardCharsets.ISO_8859_1);
            Matcher key = keyBlock.matcher(text);
            while (key.find()) {
                found.add(file + ": a private key");
            }
            if (file.matches(".*\\.(properties|ya?ml|env|conf|service|sh|ps1|xml|json)$")) {
                Matcher credential = defaultCredential.matcher(text);
                while (credential.find()) {
                    found.add(file + ": " + credential.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static String sslscan(int port) throws IOException, InterruptedException {
        Process scan = new ProcessBuilder("sslscan", "--no-colour", "--xml=-", "127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        String out = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(scan.waitFor(120, TimeUnit.SECONDS)).as("sslscan finished").isTrue();
        return out;
    }

    /** Files under {@code root} whose bytes (gzip-compressed files unpacked) contain {@code text}. */
    private static List<Path> containing(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> hits = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(read(file), needle) >= 0) {
                    hits.add(file);
                }
            }
            return hits;
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        }
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
