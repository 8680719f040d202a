package org.messagebroker.server.delivery;

import java.security.Principal;
import org.messagebroker.core.delivery.DeliveryRequest;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.message.MessageStorage;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The internal API on the mTLS connector; only the proxy and worker identities reach it. */
@RestController
class InternalDeliveryController {

    private final MessageStorage storage;

    InternalDeliveryController(MessageStorage storage) {
        this.storage = storage;
    }

    @PostMapping("/internal/messages/deliver")
    DeliveryResponse deliver(@RequestBody DeliveryRequest request, Principal caller) {
        if (request.messages() == null || request.messages().stream().anyMatch(m -> m == null || m.messageId() == null)) {
            throw new Rejection.Invalid("The body must be {\"messages\": [...]}, each message with its message_id, client_id and sealed content");
        }
        return new DeliveryResponse(storage.storeDelivered(request.messages(), caller.getName()));
    }
}
