package org.messagebroker.core.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.messagebroker.core.queue.QueuedMessage;

/** A batch the worker delivers to the server's internal API in one call and one transaction. */
public record DeliveryRequest(@JsonProperty("messages") List<QueuedMessage> messages) {
}
