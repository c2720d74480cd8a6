package io.frontdesk.balancer;

/** Exchange attributes of the balancer. */
public final class BalancerAttributes {

    /** The {@link Backend} of the current (or last) attempt. */
    public static final String BACKEND = "frontdesk.backend";

    /** The {@code Set<Backend>} this request has already tried. */
    static final String TRIED = "frontdesk.backendsTried";

    private BalancerAttributes() {
    }
}
