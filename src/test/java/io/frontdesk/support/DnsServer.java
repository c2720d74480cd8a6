package io.frontdesk.support;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

/**
 * A real DNS server on a loopback UDP port for tests: answers A queries for the names it is
 * given, with the addresses and TTL set now; any other name does not exist, and AAAA queries for
 * a known name get an empty answer. Can be stopped and started again on the same port.
 */
public final class DnsServer implements AutoCloseable {

    private final Map<String, List<String>> records = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private volatile int ttlSeconds = 30;
    private volatile Channel channel;
    private volatile int port;

    private DnsServer() {
    }

    public static DnsServer start() {
        DnsServer server = new DnsServer();
        server.bind(0);
        return server;
    }

    private void bind(int onPort) {
        channel = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Answerer());
                    }
                }).bind("127.0.0.1", onPort).syncUninterruptibly().channel();
        port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** {@code 127.0.0.1:port}, as {@code frontdesk.discovery.dns.servers} takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Makes {@code name} answer with these IPv4 addresses; none makes its answers empty. */
    public DnsServer records(String name, String... addresses) {
        records.put(canonical(name), List.of(addresses));
        return this;
    }

    public DnsServer ttlSeconds(int seconds) {
        ttlSeconds = seconds;
        return this;
    }

    /** A queries answered so far. */
    public int queries() {
        return queries.get();
    }

    /** Stops answering: the port is closed, so queries fail. */
    public void stop() {
        channel.close().syncUninterruptibly();
    }

    /** Answers again, on the port it had. */
    public void restart() {
        bind(port);
    }

    @Override
    public void close() {
        stop();
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String canonical(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, DatagramDnsQuery query) throws Exception {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, question);
            List<String> addresses = records.get(canonical(question.name()));
            if (addresses == null) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            } else if (question.type() == DnsRecordType.A) {
                queries.incrementAndGet();
                for (String address : addresses) {
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A,
                            ttlSeconds, Unpooled.wrappedBuffer(bytes(address))));
                }
            }
            context.writeAndFlush(response);
        }

        private static byte[] bytes(String address) throws UnknownHostException {
            return InetAddress.getByName(address).getAddress();
        }
    }
}
