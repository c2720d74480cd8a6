package io.frontdesk.shield;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;

import io.frontdesk.net.IpLiteral;

/**
 * {@code /actuator/bans}: the bans in force (GET), a ban by hand (POST with {@code client} and
 * optionally {@code duration} and {@code reason}), and lifting one (DELETE with {@code client}).
 * Bans made here reach every replica as any other.
 */
@Endpoint(id = "bans")
public class BansEndpoint {

    private final BanList bans;
    private final Duration defaultLength;

    BansEndpoint(BanList bans, Duration defaultLength) {
        this.bans = bans;
        this.defaultLength = defaultLength;
    }

    @ReadOperation
    public List<BanView> bans() {
        return bans.list().stream().map(BansEndpoint::view).toList();
    }

    @WriteOperation
    public BanView ban(String client, @Nullable String duration, @Nullable String reason) {
        Duration length = defaultLength;
        if (duration != null) {
            try {
                length = DurationStyle.detectAndParse(duration);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new InvalidEndpointRequestException("duration must be such as 10m or 1h: " + duration,
                        "bad duration");
            }
        }
        if (length.isNegative() || length.isZero()) {
            throw new InvalidEndpointRequestException("duration must be more than 0", "bad duration");
        }
        return view(bans.ban(address(client), length, 0, "manual", reason == null ? "banned by an operator" : reason));
    }

    @DeleteOperation
    public LiftView lift(String client) {
        return new LiftView(address(client), bans.lift(address(client)));
    }

    private static String address(String client) {
        String canonical = IpLiteral.canonical(client);
        if (canonical == null) {
            throw new InvalidEndpointRequestException("client must be an IP address: " + client, "not an address");
        }
        return canonical;
    }

    private static BanView view(Ban ban) {
        return new BanView(ban.client(), Instant.ofEpochMilli(ban.until()), ban.cause(), ban.reason(), ban.level() + 1);
    }

    /** One ban; {@code count} is the how-manieth ban of this client it is. */
    public record BanView(String client, Instant until, String cause, String reason, int count) {
    }

    public record LiftView(String client, boolean lifted) {
    }
}
