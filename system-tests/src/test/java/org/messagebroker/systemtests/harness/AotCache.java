package org.messagebroker.systemtests.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JDK ahead-of-time caches (JEP 483, 514, 515) for the role processes the suites start: a role started
 * from one loads and links its classes from the cache and starts about 40 % sooner (docs/testing.md),
 * which is most of what a fault scenario waits for. One cache per role and class path, made by a training
 * start that exits once the application context is ready (Spring's {@code spring.context.exit=onRefresh}),
 * with the settings and data directory of the start it precedes. A role whose training fails starts
 * without; {@code all}, the embedded default, always starts without, as users start it.
 */
final class AotCache {

    private static final Path DIRECTORY = Path.of("target", "aot").toAbsolutePath();
    private static final Set<String> TRAINED = new HashSet<>();

    private AotCache() {
    }

    /** Only the class path's jars: a cache cannot hold classes from directories, and the roles need none of them. */
    static String classPath() {
        return String.join(File.pathSeparator, jars());
    }

    /**
     * The JVM options that start {@code role} from its cache, training one first (with {@code launch}: the
     * role's command after its JVM options, and its environment) if this class path has none yet.
     */
    static synchronized List<String> options(String role, List<String> launch, Map<String, String> environment) {
        if (role.equals("all") || Runtime.version().feature() < 25) {
            return List.of();
        }
        Path cache = DIRECTORY.resolve(role + "-" + classPathDigest() + ".aot");
        if (TRAINED.add(role) && !Files.exists(cache)) {
            train(role, cache, launch, environment);   // once per role and run: a failed training is not retried
        }
        return Files.exists(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    private static void train(String role, Path cache, List<String> launch, Map<String, String> environment) {
        Path recording = cache.resolveSibling(cache.getFileName() + ".recording");
        List<String> command = new ArrayList<>(List.of(java(), "-XX:AOTCacheOutput=" + recording,
                "-Dspring.context.exit=onRefresh"));
        command.addAll(RoleProcess.launcherDefaults(role));
        command.addAll(launch);
        try {
            Files.createDirectories(DIRECTORY);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(DIRECTORY.resolve(role + "-training.log").toFile());
            builder.environment().putAll(environment);
            Process training = builder.start();
            if (!training.waitFor(3, TimeUnit.MINUTES)) {
                training.destroyForcibly();
            } else if (training.exitValue() == 0 && Files.exists(recording)) {
                Files.move(recording, cache, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JDK's launcher, the one running the tests: the roles are started with the JDK they were built for. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> jars() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(entry -> entry.endsWith(".jar")).toList();
    }

    /** A cache is valid only for the JDK and the jars (as they are now) that made it. */
    private static String classPathDigest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
            for (String jar : jars()) {
                Path path = Path.of(jar);
                digest.update((jar + Files.size(path) + Files.getLastModifiedTime(path)).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
