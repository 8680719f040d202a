package org.messagebroker.server.rotation;

import java.util.Map;
import org.messagebroker.server.keys.StorageCipher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/keys}: the storage key versions and how many messages each still protects. A
 * version whose count is zero (and is not current) can be retired by removing its line from the ring.
 */
@RestController
class KeyStatusController {

    private final StorageCipher cipher;
    private final Reencryption reencryption;

    KeyStatusController(StorageCipher cipher, Reencryption reencryption) {
        this.cipher = cipher;
        this.reencryption = reencryption;
    }

    @GetMapping("/admin/keys")
    Map<String, Object> status() {
        return Map.of("current_version", cipher.currentVersion(), "versions", cipher.versions(),
                "rows_by_version", reencryption.rowsByVersion());
    }
}
