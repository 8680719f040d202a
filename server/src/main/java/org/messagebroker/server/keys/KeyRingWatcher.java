package org.messagebroker.server.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.messagebroker.server.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reloads the storage key ring when its file changes, so {@code broker keys rotate} takes effect on a
 * running server without a restart. A broken file is reported and the ring in memory kept.
 */
@Component
class KeyRingWatcher {

    private static final Logger log = LoggerFactory.getLogger(KeyRingWatcher.class);

    private final StorageCipher cipher;
    private final Path file;
    private final ApplicationEventPublisher events;
    private FileTime seen;

    KeyRingWatcher(StorageCipher cipher, ServerSettings.Keys keys, ApplicationEventPublisher events) throws IOException {
        this.cipher = cipher;
        this.file = keys.storage();
        this.events = events;
        this.seen = Files.getLastModifiedTime(file);
    }

    @Scheduled(fixedDelayString = "${broker.keys.reload-interval:5s}")
    void reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(seen)) {
                return;
            }
            int before = cipher.currentVersion();
            cipher.reload(file);
            seen = modified;
            if (cipher.currentVersion() != before) {
                log.info("Storage key version {} is now current (was {}); older rows are re-encrypted in the"
                        + " background", cipher.currentVersion(), before);
                events.publishEvent(new StorageKeyRotated(before, cipher.currentVersion()));
            }
        } catch (IOException | RuntimeException e) {
            log.error("Cannot reload the storage key ring {}; keeping the current one: {}", file, e.getMessage());
        }
    }
}
