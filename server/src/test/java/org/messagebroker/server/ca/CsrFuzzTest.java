package org.messagebroker.server.ca;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.messagebroker.core.errors.Rejection;

/**
 * Coverage-guided fuzzing of CSR/PEM parsing (Jazzer), which takes text from admins and clients. The
 * build replays {@code CsrFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores. The only acceptable failure
 * is the 400 the API answers for a request it cannot read.
 */
@Tag("security")
class CsrFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyTextIsReadAsACsrOrRefusedWith400(byte[] input) {
        try {
            Csrs.publicKey(new String(input, StandardCharsets.UTF_8));
        } catch (Rejection.Invalid refused) {
            // The request's fault: answered 400 (Refusal maps it); anything else escapes and fails the test.
        }
    }
}
