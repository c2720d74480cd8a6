package io.frontdesk.shield;

/** Exchange attributes the shield sets. */
public final class ShieldAttributes {

    /** Present when the client is on the allow list: no rate limit and no ban applies to it. */
    public static final String ALLOW_LISTED = "frontdesk.shield.allowListed";

    /**
     * The cause of the ban ({@code rate_limit}, {@code waf}, {@code manual}) a request was refused
     * for; absent when the client is not banned.
     */
    public static final String BANNED = "frontdesk.shield.banned";

    private ShieldAttributes() {
    }
}
