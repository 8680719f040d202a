package org.messagebroker.server.delivery;

import java.security.Principal;
import org.messagebroker.core.delivery.DeliveryRequest;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The internal API on the mTLS connector; only the proxy and worker identities reach it. */
@RestController
class InternalDeliveryController {

    private final DeliveryService deliveries;

    InternalDeliveryController(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @PostMapping("/internal/messages/deliver")
    DeliveryResponse deliver(@RequestBody DeliveryRequest request, Principal caller) {
        return new DeliveryResponse(deliveries.deliver(request.messages(), caller.getName()));
    }
}
