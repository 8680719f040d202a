package org.messagebroker.server.deadletter;

import java.util.Map;
import org.messagebroker.core.delivery.FailureReport;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /internal/messages/failures} on the mTLS connector: workers hand over their dead letters. */
@RestController
class InternalFailureController {

    private final FailureService failures;

    InternalFailureController(FailureService failures) {
        this.failures = failures;
    }

    @PostMapping("/internal/messages/failures")
    Map<String, Object> report(@RequestBody FailureReport report) {
        return Map.of("received", report.failures().size(), "recorded", failures.record(report.failures()));
    }
}
