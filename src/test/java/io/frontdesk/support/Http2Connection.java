package io.frontdesk.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP/2 connection to the gateway over TLS, frame by frame: each request on a stream of its
 * own, and what the server sent back on it (status, body, reset) or on the connection (GOAWAY).
 * Unlike a general-purpose client, it sends any head it is given, whatever size the server
 * advertised, and never opens a second connection.
 */
public final class Http2Connection implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What came back on one stream. */
    public record Answer(int status, String body) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Frames frames = new Frames();
    private final Channel channel;

    private Http2Connection(RunningGateway gateway) {
        try {
            SslContext tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(gateway.trustManagers()[0])
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2))
                    .build();
            channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), "localhost", gateway.port()),
                                    Http2FrameCodecBuilder.forClient().encoderIgnoreMaxHeaderListSize(true).build(),
                                    frames);
                        }
                    })
                    .connect("127.0.0.1", gateway.port()).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("no HTTP/2 connection to the gateway", e);
        }
    }

    public static Http2Connection open(RunningGateway gateway) {
        return new Http2Connection(gateway);
    }

    /** A GET on a new stream of this connection; {@code headers} are name, value pairs. */
    public Answer get(String path, String... headers) {
        return await(send(path, headers));
    }

    /**
     * A POST on a new stream whose body stops after {@code firstPart}: its head announces more,
     * which never comes. The answer completes with the response, or exceptionally when the
     * stream is reset.
     */
    public CompletableFuture<Answer> postStalling(String path, String firstPart) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        run(() -> {
            Http2FrameStream stream = frames.newStream();
            Http2Headers head = head(path, new String[] {"content-length", String.valueOf(firstPart.length() + 1_000)})
                    .method("POST");
            channel.write(new DefaultHttp2HeadersFrame(head, false).stream(stream));
            channel.writeAndFlush(new DefaultHttp2DataFrame(
                    Unpooled.copiedBuffer(firstPart, StandardCharsets.UTF_8), false).stream(stream));
            frames.answers.put(stream.id(), new Pending(answer));
        });
        return answer;
    }

    /**
     * Opens {@code count} streams one after the other and cancels each at once with RST_STREAM,
     * as an HTTP/2 rapid reset attack (CVE-2023-44487) does.
     */
    public void openAndResetStreams(int count) {
        run(() -> {
            for (int i = 0; i < count; i++) {
                Http2FrameStream stream = frames.newStream();
                channel.write(new DefaultHttp2HeadersFrame(head("/", new String[0]), false).stream(stream));
                channel.write(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(stream));
            }
            channel.flush();
        });
    }

    /** The error of the GOAWAY the server sent, waiting for it. */
    public Http2Error goAway() {
        return await(frames.goAway);
    }

    /** Whether the server has sent GOAWAY on this connection so far. */
    public boolean goneAway() {
        return frames.goAway.isDone();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    private CompletableFuture<Answer> send(String path, String[] headers) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        run(() -> {
            Http2FrameStream stream = frames.newStream();
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(head(path, headers), true).stream(stream))
                    .addListener(written -> {
                        if (!written.isSuccess()) {
                            answer.completeExceptionally(written.cause());
                        }
                    });
            // The stream has its id once its HEADERS are written; its answer is read later on this same loop.
            frames.answers.put(stream.id(), new Pending(answer));
        });
        return answer;
    }

    private static Http2Headers head(String path, String[] headers) {
        Http2Headers head = new DefaultHttp2Headers().method("GET").scheme("https").authority("localhost")
                .path(path);
        for (int i = 0; i < headers.length; i += 2) {
            head.add(headers[i], headers[i + 1]);
        }
        return head;
    }

    /** Runs on the connection's event loop, where streams are created and their frames written in order. */
    private void run(Runnable task) {
        channel.eventLoop().execute(task);
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no answer; GOAWAY "
                    + (frames.goAway.isDone() ? frames.goAway.join() : "not received")
                    + ", connection " + (isOpen() ? "open" : "closed"), e);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A response being read: its status once its headers came, its body as it comes. */
    private static final class Pending {

        private final CompletableFuture<Answer> answer;
        private final StringBuilder body = new StringBuilder();
        private int status;

        Pending(CompletableFuture<Answer> answer) {
            this.answer = answer;
        }
    }

    private static final class Frames extends Http2ChannelDuplexHandler {

        private final Map<Integer, Pending> answers = new ConcurrentHashMap<>();
        private final CompletableFuture<Http2Error> goAway = new CompletableFuture<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2GoAwayFrame frame) {
                    goAway.complete(Http2Error.valueOf(frame.errorCode()));
                } else if (message instanceof Http2StreamFrame frame && answers.containsKey(frame.stream().id())) {
                    read(ctx, frame, answers.get(frame.stream().id()));
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        private void read(ChannelHandlerContext ctx, Http2StreamFrame frame, Pending pending) {
            boolean ended = false;
            if (frame instanceof Http2HeadersFrame headers) {
                pending.status = headers.headers().status() == null ? pending.status
                        : Integer.parseInt(headers.headers().status().toString());
                ended = headers.isEndStream();
            } else if (frame instanceof Http2DataFrame data) {
                pending.body.append(data.content().toString(StandardCharsets.UTF_8));
                ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes())
                        .stream(data.stream()));
                ended = data.isEndStream();
            } else if (frame instanceof Http2ResetFrame reset) {
                pending.answer.completeExceptionally(new IllegalStateException(
                        "the stream was reset with " + Http2Error.valueOf(reset.errorCode())));
            }
            if (ended) {
                pending.answer.complete(new Answer(pending.status, pending.body.toString()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answers.values().forEach(pending -> pending.answer.completeExceptionally(
                    new IllegalStateException("the connection closed before the answer was complete")));
            ctx.fireChannelInactive();
        }
    }
}
