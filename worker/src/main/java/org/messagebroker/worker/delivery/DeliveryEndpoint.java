package org.messagebroker.worker.delivery;

import java.util.List;
import org.messagebroker.core.delivery.DeliveryResponse;
import org.messagebroker.core.queue.QueuedMessage;

/** Where a batch goes: the server's internal delivery API ({@link ServerClient}). */
interface DeliveryEndpoint {

    /**
     * The server's result for each message of the batch.
     *
     * @throws ServerClient.TemporaryDeliveryException when the call did not succeed as a whole
     */
    DeliveryResponse deliver(List<QueuedMessage> batch);
}
