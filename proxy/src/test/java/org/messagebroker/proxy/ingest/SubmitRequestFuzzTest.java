package org.messagebroker.proxy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import org.messagebroker.core.message.MessageValidator;
import org.messagebroker.proxy.http.ProxyException;

/**
 * Coverage-guided fuzzing of what the proxy does with a request body (Jazzer). In the normal build it
 * replays the inputs under {@code SubmitRequestFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores. The only
 * acceptable failure is the parser's 400; anything else would be a 5xx.
 */
@Tag("security")
class SubmitRequestFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBodyIsAcceptedOrRefusedButNeverCrashes(byte[] body) {
        try {
            SubmitRequest request = SubmitParser.parse(body);
            MessageValidator.validate(request.senderNumber(), request.messageBody());
            request.domain();
        } catch (ProxyException refused) {
            assertThat(refused.status()).isEqualTo(400);
        }
    }
}
