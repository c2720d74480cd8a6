package io.frontdesk.discovery;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import reactor.core.publisher.Mono;

/** Where one pool's members are looked up: the records of a DNS name, the instances a registry knows. */
interface MemberSource {

    /** What is looked up, for the logs: a DNS name, a service id. */
    String target();

    /** The members there are now; an error or an empty answer leaves the pool as it was. */
    Mono<Answer> lookup();

    /**
     * @param members each member's {@code scheme://host:port}
     * @param maxAge how long the answer may be kept, when the source says (a record's TTL)
     */
    record Answer(List<URI> members, Duration maxAge) {

        /** An answer the source sets no age on: it is asked again after the pool's refresh interval. */
        static Answer ageless(List<URI> members) {
            return new Answer(members, ChronoUnit.FOREVER.getDuration());
        }
    }
}
