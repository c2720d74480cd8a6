package io.frontdesk.shield;

/**
 * A client banned until an epoch millisecond.
 *
 * @param level how many bans the client had before this one; each doubles the next one's length
 */
record Ban(String client, long until, int level, String cause, String reason) {

    /** One line for other replicas: until, level, cause, client, then the reason. */
    String encode() {
        return until + " " + level + " " + cause + " " + client + " " + reason;
    }

    static Ban decode(String line) {
        String[] parts = line.split(" ", 5);
        if (parts.length < 5) {
            throw new IllegalArgumentException("not a ban: " + line);
        }
        return new Ban(parts[3], Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2], parts[4]);
    }
}
