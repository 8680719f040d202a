package org.messagebroker.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Reads a request whole up to the configured size; a larger one is answered 413 with problem details as
 * soon as its declared length, or the bytes read so far, exceed it. The rest of its body is read and
 * dropped rather than left unread: closing a connection with unread input makes the kernel reset it, and
 * the client may then never see the answer. The request deadline still bounds how long that takes.
 */
final class BodyLimit extends HttpObjectAggregator {

    private final int maxBytes;

    BodyLimit(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String requestId = RequestHandler.requestId();
        ProxyResponse tooLarge = Problems.from(new ProxyException(413, "The request body is larger than " + maxBytes
                + " bytes."), requestId);
        RequestHandler.write(ctx, tooLarge, HttpUtil.isKeepAlive(oversized), requestId);
    }
}
