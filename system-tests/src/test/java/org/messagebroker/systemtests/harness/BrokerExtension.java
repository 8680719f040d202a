package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.messagebroker.cli.run.Role;

/**
 * One broker for a test class, the same way for every class that shares one: its roles start in a fresh
 * data directory before the class's {@code @BeforeAll} methods run, and stop (the directory deleted) after
 * its last test, whether the tests passed or not. Registered as a static field:
 * {@code @RegisterExtension static final BrokerExtension running = new BrokerExtension(List.of(Role.values()));}
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private final List<Role> roles;
    private final Map<String, Object> settings;
    private RunningBroker broker;
    private Path dir;

    public BrokerExtension(List<Role> roles) {
        this(roles, Map.of());
    }

    public BrokerExtension(List<Role> roles, Map<String, Object> settings) {
        this.roles = roles;
        this.settings = settings;
    }

    /** The running broker; there is one from before the class's first {@code @BeforeAll} method. */
    public RunningBroker get() {
        if (broker == null) {
            throw new IllegalStateException("The broker starts before @BeforeAll; register the extension static");
        }
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("broker-" + context.getRequiredTestClass().getSimpleName() + "-");
        broker = new RunningBroker(dir, roles, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            broker = null;
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
