package io.frontdesk.shield;

import java.lang.management.ManagementFactory;

import com.sun.management.UnixOperatingSystemMXBean;

import io.frontdesk.config.ShieldProperties.ConnectionProperties;
import io.frontdesk.config.ShieldProperties.ProxyProtocol;

/**
 * How many connections the gateway holds open, settled at start-up. Unless configured, the
 * bound on client connections comes from the process's file-descriptor limit, as HAProxy derives
 * its maxconn: {@code max-total = (limit - reserve) / 2}, where the reserve is
 * {@link #PROCESS_RESERVE} descriptors for the process itself plus the management port's own,
 * and the half leaves each client connection room for a backend connection. A limit too small
 * for that reserve keeps half of it for the reserve instead.
 *
 * @param maxTotal client connections in all (public and redirect listeners); 0 for no bound
 * @param maxPerClient connections per client address; 0 for no bound
 * @param maxManagement connections on the management port
 * @param descriptorLimit the process's file-descriptor limit, -1 when the platform does not say
 * @param derived whether {@code maxTotal} was derived from the limit rather than configured
 */
public record ConnectionBudget(int maxTotal, int maxPerClient, int maxManagement, long descriptorLimit,
        boolean derived) {

    /**
     * Descriptors the process needs besides client connections: the JVM's own files and
     * sockets, the listening sockets, Redis, up to 64 health-check connections, log files.
     */
    static final int PROCESS_RESERVE = 256;

    static final int DEFAULT_MAX_PER_CLIENT = 256;

    /** Share of {@link #maxTotal()} from which the connections are under pressure, in percent. */
    static final int PRESSURE_PERCENT = 80;

    /** Share of {@link #maxTotal()} from which each new connection reclaims an idle one, in percent. */
    static final int RECLAIM_PERCENT = 95;

    /** The budget these settings give under this descriptor limit (-1: unknown). */
    public static ConnectionBudget of(ConnectionProperties settings, long descriptorLimit) {
        int perClient = settings.maxPerClient() != null ? settings.maxPerClient()
                : settings.proxyProtocol() == ProxyProtocol.OFF ? DEFAULT_MAX_PER_CLIENT : 0;
        int total = settings.maxTotal() != null ? settings.maxTotal()
                : derivedTotal(descriptorLimit, settings.managementReserve());
        return new ConnectionBudget(total, perClient, settings.managementReserve(), descriptorLimit,
                settings.maxTotal() == null);
    }

    static int derivedTotal(long descriptorLimit, int managementReserve) {
        if (descriptorLimit <= 0) {
            return 0;
        }
        long available = descriptorLimit - reserve(descriptorLimit, managementReserve);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, available / 2));
    }

    private static long reserve(long descriptorLimit, int managementReserve) {
        return Math.min(PROCESS_RESERVE + (long) managementReserve, descriptorLimit / 2);
    }

    /** The budget in words, for the start-up log: how max-total came about. */
    String summary() {
        String total;
        if (!derived) {
            total = maxTotal == 0 ? "no bound (configured)" : maxTotal + " (configured)";
        } else if (descriptorLimit <= 0) {
            total = "no bound (the file-descriptor limit is unknown here; set max-total)";
        } else {
            long reserve = reserve(descriptorLimit, maxManagement);
            total = maxTotal + " = (" + descriptorLimit + " file descriptors - " + reserve + " reserved) / 2";
        }
        return "max-total " + total + ", max-per-client " + (maxPerClient == 0 ? "none" : maxPerClient)
                + ", management port " + maxManagement;
    }

    /** This process's limit on open file descriptors, or -1 where the JVM cannot tell. */
    public static long processDescriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** Client connections from which idle ones are reclaimed sooner; 0 when there is no bound. */
    int pressureAt() {
        return share(PRESSURE_PERCENT);
    }

    /** Client connections from which each new one reclaims an idle one; 0 when there is no bound. */
    int reclaimAt() {
        return share(RECLAIM_PERCENT);
    }

    private int share(int percent) {
        return (int) Math.max(maxTotal == 0 ? 0 : 1, (long) maxTotal * percent / 100);
    }
}
