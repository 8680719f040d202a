package org.messagebroker.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisDurabilityTest {

    @Test
    void onlyAnAppendOnlyFileSyncedOnEveryWriteIsDurable() {
        assertThat(RedisDurability.problem(Map.of("appendonly", "yes", "appendfsync", "always"))).isNull();
        assertThat(RedisDurability.problem(Map.of("appendonly", "no", "appendfsync", "always"))).contains("off");
        assertThat(RedisDurability.problem(Map.of("appendonly", "yes", "appendfsync", "everysec")))
                .contains("everysec");
        assertThat(RedisDurability.problem(Map.of())).contains("cannot be read");
    }

    @Test
    void aWeakerSetupIsRefusedUnlessAccepted() {
        Map<String, String> everysec = Map.of("appendonly", "yes", "appendfsync", "everysec");
        assertThatThrownBy(() -> RedisDurability.require(everysec, false))
                .hasMessageContaining("Refusing to accept messages").hasMessageContaining("REDIS_ACCEPT_WEAKER_DURABILITY");
        RedisDurability.require(everysec, true);
        RedisDurability.require(Map.of("appendonly", "yes", "appendfsync", "always"), false);
    }
}
