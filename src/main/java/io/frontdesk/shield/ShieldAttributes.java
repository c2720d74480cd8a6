package io.frontdesk.shield;

/** Exchange attributes the shield sets. */
public final class ShieldAttributes {

    /** Present when the client is on the allow list: no rate limit and no ban applies to it. */
    public static final String ALLOW_LISTED = "frontdesk.shield.allowListed";

    private ShieldAttributes() {
    }
}
