package org.messagebroker.proxy.web;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import org.messagebroker.proxy.ingest.IngestFuzzing;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of what the proxy does with a request body (Jazzer). In the normal build it
 * replays the inputs under {@code SubmitRequestFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores. The only
 * acceptable failure is a JSON error, which the proxy answers with 400; anything else would be a 5xx.
 */
@Tag("security")
class SubmitRequestFuzzTest {

    private static final JsonMapper JSON = StrictJsonConfiguration.strictMapper();

    @FuzzTest(maxDuration = "30s")
    void anyBodyIsAcceptedOrRefusedButNeverCrashes(byte[] body) {
        try {
            IngestFuzzing.parseAndValidate(JSON, body);
        } catch (JacksonException refusedWith400) {
            // expected for malformed input
        }
    }
}
