package org.messagebroker.proxy.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.messagebroker.proxy.ProxySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The proxy's HTTPS server on Netty: TLS with client certificates, HTTP/1.1 with keep-alive, a request
 * read whole within its deadline and size limit, then its endpoint on a virtual thread. A connection idle
 * for {@code IDLE} is closed. On stop it takes no new connection and lets the requests under way finish.
 */
@Component
class ProxyServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);
    private static final Duration IDLE = Duration.ofMinutes(2);
    private static final Duration HANDSHAKE = Duration.ofSeconds(10);

    private final int port;
    private final ProxyTls tls;
    private final Router router;
    private final RequestMetrics metrics;
    private final int maxBodyBytes;
    private final Duration requestDeadline;
    private ExecutorService endpoints;
    private EventLoopGroup acceptor;
    private EventLoopGroup io;
    private Channel listener;

    ProxyServer(ProxySettings settings, ProxyTls tls, List<Routes> routes, MeterRegistry meters) {
        int port = settings.proxy().port();
        DataSize maxBodySize = settings.proxy().maxBodySize();
        Duration requestDeadline = settings.proxy().requestDeadline();
        this.port = port;
        this.tls = tls;
        this.router = new Router(routes);
        this.metrics = new RequestMetrics(meters);
        this.maxBodyBytes = (int) maxBodySize.toBytes();
        this.requestDeadline = requestDeadline;
    }

    @Override
    public void start() {
        endpoints = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("proxy-request-", 0).factory());
        acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        RequestHandler handler = new RequestHandler(router, metrics, endpoints);
        try {
            listener = new ServerBootstrap().group(acceptor, io).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            SslHandler ssl = tls.current().newHandler(channel.alloc());
                            ssl.setHandshakeTimeoutMillis(HANDSHAKE.toMillis());
                            channel.pipeline().addLast(ssl,
                                    new IdleStateHandler(0, 0, IDLE.toSeconds(), TimeUnit.SECONDS), new IdleCloser(),
                                    new RequestDeadline(requestDeadline.toMillis()), new HttpServerCodec(),
                                    new HttpServerKeepAliveHandler(), new BodyLimit(maxBodyBytes), handler);
                        }
                    }).bind(port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            stop();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new IllegalStateException("port " + port + " is already in use");
                }
            }
            throw e;
        }
        log.info("Proxy listening on port {} (TLS by {})", port, OpenSsl.isAvailable() ? "BoringSSL" : "the JDK");
    }

    @Override
    public void stop() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        if (endpoints != null) {
            endpoints.shutdown();
            try {
                endpoints.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (io != null) {
            acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            io.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            io = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
