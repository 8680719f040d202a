package org.messagebroker.proxy.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request must arrive whole within its deadline from its first byte, however slowly its bytes drip:
 * otherwise the connection is closed. Without it, one byte a second holds a connection (and a slot)
 * for as long as the client likes. Sits after TLS, before HTTP decoding.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);

    private final long millis;
    private ScheduledFuture<?> timer;

    RequestDeadline(long millis) {
        this.millis = millis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                log.info("Closing a connection from {}: its request did not arrive within {} ms",
                        ctx.channel().remoteAddress(), millis);
                ctx.close();
            }, millis, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request is read whole: the next one's deadline starts with its first byte. */
    static void requestRead(ChannelHandlerContext anyHandlersContext) {
        RequestDeadline deadline = anyHandlersContext.pipeline().get(RequestDeadline.class);
        if (deadline != null && deadline.timer != null) {
            deadline.timer.cancel(false);
            deadline.timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
