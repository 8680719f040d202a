package org.messagebroker.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.keys.BlindIndex;
import org.messagebroker.server.keys.KeysForTests;
import org.messagebroker.server.user.UserAccount;

/** What the portal's query parameters let each caller see, and which parameters are refused. */
class MessageQueryTest {

    final BlindIndex index = KeysForTests.blindIndex();
    final UserAccount admin = user("admin", null);
    final UserAccount acmeUser = user("user", "acme");

    private static UserAccount user(String role, String clientId) {
        return new UserAccount(1, role + "@example.com", "hash", role, clientId, true, null, Instant.EPOCH, 0);
    }

    @Test
    void aUserSeesOnlyTheirOwnClientWhateverClientTheyAskFor() {
        MessageFilter filter = MessageQuery.filter(acmeUser, "globex", null, null, null, null, index);

        assertThat(filter.clientId()).isEqualTo("acme");
    }

    @Test
    void anAdminSeesEveryClientOrTheOneAskedFor() {
        assertThat(MessageQuery.filter(admin, null, null, null, null, null, index).clientId()).isNull();
        assertThat(MessageQuery.filter(admin, " ", null, null, null, null, index).clientId()).isNull();
        assertThat(MessageQuery.filter(admin, "globex", null, null, null, null, index).clientId()).isEqualTo("globex");
    }

    @Test
    void aUserWithoutAClientSeesNothing() {
        assertThat(MessageQuery.filter(user("user", null), "acme", null, null, null, null, index)).isNull();
    }

    @Test
    void aDateMeansTheWholeDayInUtcAndADateTimeItsInstant() {
        MessageFilter filter = MessageQuery.filter(admin, null, "delivered", "2026-11-21", "2026-11-21", null, index);

        assertThat(filter.status()).isEqualTo("delivered");
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(MessageQuery.filter(admin, null, null, "2026-11-21T10:00:00Z", null, null, index).from())
                .isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void theSenderIsSearchedByItsBlindIndexNeverInClear() {
        MessageFilter filter = MessageQuery.filter(admin, null, null, null, null, "+4915200000000", index);

        assertThat(filter.senderHash()).isEqualTo(index.of("+4915200000000")).doesNotContain("4915200000000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sent       |      |            | status must be one of",
        "           | a b  |            | client_id must be",
        "           |      | 2026-13-01 | from_date and to_date must be ISO dates",
        "           |      | yesterday  | from_date and to_date must be ISO dates",
    })
    void aMalformedParameterIsRefusedSayingWhichAndHow(String status, String clientId, String fromDate, String says) {
        assertThatThrownBy(() -> MessageQuery.filter(admin, clientId, status, fromDate, null, null, index))
                .isInstanceOf(Rejection.Invalid.class).hasMessageContaining(says);
    }

    @Test
    void aSenderThatIsNotE164IsRefused() {
        assertThatThrownBy(() -> MessageQuery.filter(admin, null, null, null, null, "abc", index))
                .isInstanceOf(Rejection.Invalid.class).hasMessageContaining("E.164");
    }
}
