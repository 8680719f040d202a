package org.messagebroker.worker.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This worker's name in queue claims, metrics and logs, the same across its restarts, so that a worker
 * that starts again can take back the claims of its previous run at once instead of after their leases.
 * {@code WORKER_ID} names it; without it the worker takes the first free slot {@code <host>-worker-N} of
 * the data directory, held by a file lock that the operating system drops when the process dies.
 */
@Component
class WorkerIdentity implements AutoCloseable {

    private static final int MAX_SLOTS = 256;

    private final String id;
    private final FileChannel slot;

    WorkerIdentity(WorkerSettings settings, @Value("${broker.data-dir}") Path dataDir) {
        if (settings.id() != null && !settings.id().isBlank()) {
            id = settings.id();
            slot = null;
            return;
        }
        Path slots = dataDir.resolve("run");
        try {
            Files.createDirectories(slots);
            for (int n = 1; n <= MAX_SLOTS; n++) {
                FileChannel channel = FileChannel.open(slots.resolve("worker-" + n + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                if (held(channel)) {
                    id = host() + "-worker-" + n;
                    slot = channel;
                    return;
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a worker slot in " + slots, e);
        }
        throw new IllegalStateException(MAX_SLOTS + " workers already run on " + dataDir + "; set WORKER_ID");
    }

    private static boolean held(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException heldInThisProcess) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    String id() {
        return id;
    }

    @Override
    public void close() throws IOException {
        if (slot != null) {
            slot.close();
        }
    }
}
