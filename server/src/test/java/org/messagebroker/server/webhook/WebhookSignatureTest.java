package org.messagebroker.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256AsOpensslDoes() {
        // printf '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac 'whsec_test'
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8");
    }

    @Test
    void theTimestampIsPartOfWhatIsSigned() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.hmac("whsec_test", 1, body)).isNotEqualTo(WebhookSignature.hmac("whsec_test", 2, body));
    }

    @Test
    void secretsAreLongRandomAndSayWhatTheyAre() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_").hasSize(6 + 43).isNotEqualTo(WebhookSignature.newSecret());
    }
}
