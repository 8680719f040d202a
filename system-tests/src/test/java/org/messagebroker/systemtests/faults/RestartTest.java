package org.messagebroker.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.RunningBroker;

/** A second start on the same data directory reuses the CA, certificates, secrets and admin account. */
class RestartTest {

    @Test
    void aSecondStartReusesEverythingTheFirstCreated(@TempDir Path dir) throws Exception {
        List<String> kept = List.of("ca.crt", "ca/ca.key", "demo-client.crt", "demo-client.key", "tls/server.crt",
                "secrets/storage-keys", "secrets/jwt.key", "initial-admin.txt");
        String password;
        List<byte[]> before;
        try (RunningBroker first = new RunningBroker(dir, List.of(Role.SERVER))) {
            password = first.initialAdminPassword();
            first.adminToken();
            before = read(dir, kept);
        }
        try (RunningBroker second = new RunningBroker(dir, List.of(Role.SERVER))) {
            assertThat(read(dir, kept)).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(before);
            assertThat(second.initialAdminPassword()).isEqualTo(password);
            assertThat(second.adminToken()).isNotBlank();
        }
    }

    private static List<byte[]> read(Path dir, List<String> files) throws Exception {
        List<byte[]> contents = new java.util.ArrayList<>();
        for (String file : files) {
            contents.add(Files.readAllBytes(dir.resolve(file)));
        }
        return contents;
    }
}
