package org.messagebroker.proxy.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import org.messagebroker.core.concurrent.Completions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hands each whole request to its endpoint and writes the answer back: a {@link NonBlockingEndpoint} starts
 * on the event loop, any other endpoint runs on a virtual thread (it blocks: on the server, say). The
 * connection reads nothing more until the answer is written, so answers leave in the order requests came
 * and a client cannot pile up work.
 */
@ChannelHandler.Sharable
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
    static final String REQUEST_ID_HEADER = "X-Request-ID";
    private static final AttributeKey<ClientCertificate> CLIENT = AttributeKey.valueOf("client-certificate");

    private final Router router;
    private final RequestMetrics metrics;
    private final Executor executor;

    RequestHandler(Router router, RequestMetrics metrics, Executor executor) {
        this.router = router;
        this.metrics = metrics;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        if (!ctx.channel().isActive()) {
            // What the decoder had of a request when its connection closed: nobody to answer.
            return;
        }
        long start = System.nanoTime();
        RequestDeadline.requestRead(ctx);
        QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        String path = uri.path();
        ProxyRequest request = new ProxyRequest(http.method().name(), path, http.headers(),
                ByteBufUtil.getBytes(http.content()), clientCertificate(ctx), requestId());
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        Route route = router.match(request.method(), uri.rawPath(), path);
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<ProxyResponse> answer = route.endpoint() instanceof NonBlockingEndpoint direct
                ? inRequestContext(request, () -> direct.start(request, ctx.executor()))
                : CompletableFuture.supplyAsync(() -> inRequestContext(request,
                        () -> CompletableFuture.completedFuture(route.endpoint().handle(request))), executor)
                        .thenCompose(started -> started);
        answer.whenComplete((response, failure) -> {
            ProxyResponse written = failure == null ? response : Problems.from(Completions.cause(failure), request);
            metrics.record(request.method(), route.template(), written.status(), start);
            write(ctx, written, keepAlive, request.requestId());
        });
    }

    /** Starts an endpoint with the request's id in the log context; what it throws becomes its answer. */
    private static CompletableFuture<ProxyResponse> inRequestContext(ProxyRequest request, EndpointStart endpoint) {
        MDC.put("request_id", request.requestId());
        try {
            return endpoint.start();
        } catch (Exception | Error failure) {
            return CompletableFuture.completedFuture(Problems.from(failure, request));
        } finally {
            MDC.remove("request_id");
        }
    }

    @FunctionalInterface
    private interface EndpointStart {
        CompletableFuture<ProxyResponse> start() throws Exception;
    }

    static void write(ChannelHandlerContext ctx, ProxyResponse answer, boolean keepAlive, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set(REQUEST_ID_HEADER, requestId);
        answer.headers().forEach(response.headers()::set);
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response).addListener(keepAlive ? (ChannelFutureListener) done -> {
            done.channel().config().setAutoRead(true);
        } : ChannelFutureListener.CLOSE);
    }

    /** A connection that broke mid-request (closed, reset, deadline passed) is closed quietly. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing a connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** The certificate the handshake verified, read once per connection. */
    private static @Nullable ClientCertificate clientCertificate(ChannelHandlerContext ctx) {
        ClientCertificate known = ctx.channel().attr(CLIENT).get();
        if (known != null) {
            return known;
        }
        try {
            Certificate[] chain = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            ClientCertificate leaf = chain.length > 0 && chain[0] instanceof X509Certificate x509
                    ? ClientCertificate.of(x509) : null;
            ctx.channel().attr(CLIENT).set(leaf);
            return leaf;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /** {@code req_} and 16 hex digits: matches a client's complaint to a log line; it protects nothing. */
    static String requestId() {
        return "req_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
