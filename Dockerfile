# syntax=docker/dockerfile:1
#
# Frontdesk's container image: built from source, run on a JDK 25 runtime as a non-root user,
# from Spring Boot's layered jar (dependencies change less often than the application, so a
# rebuild after a code change pushes one small layer). It carries a release of the OWASP Core
# Rule Set at /opt/frontdesk/crs, which runs when frontdesk.waf.crs.directory names it.
#
#   docker build -t frontdesk:0.1.0 .
#   docker run --rm --read-only --tmpfs /tmp:exec -p 8443:8443 -p 8080:8080 -p 9090:9090 frontdesk:0.1.0
#   docker run ... frontdesk:0.1.0 --frontdesk.waf.crs.directory=/opt/frontdesk/crs
#
# See docs/kubernetes.md for the flags and for running it with the Helm chart.

ARG JDK_IMAGE=eclipse-temurin:25-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25-jre-noble
# The Core Rule Set release, and the SHA-256 of its archive, checked before it is unpacked. To
# move to another release, change both (here or with --build-arg); the archive's checksum is
#   curl -fsSL https://github.com/coreruleset/coreruleset/archive/refs/tags/vVERSION.tar.gz | sha256sum
ARG CRS_VERSION=4.28.0
ARG CRS_SHA256=d8acc96f25ad07c8e3a595a23c797324f6d77e59ddf9e26e90dd95ebd2e676ce

FROM ${JDK_IMAGE} AS build
WORKDIR /src
# The wrapper and the POM first: their layer (and the dependencies it downloads) is reused
# until they change.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -Dmaven.test.skip=true \
    && mkdir /layers \
    && java -Djarmode=tools -jar target/frontdesk-*.jar extract --layers \
         --destination /layers --application-filename frontdesk.jar

FROM ${JRE_IMAGE} AS crs
ARG CRS_VERSION
ARG CRS_SHA256
ADD https://github.com/coreruleset/coreruleset/archive/refs/tags/v${CRS_VERSION}.tar.gz /tmp/crs.tar.gz
# Only the rules, the example setup file and the licence are kept, readable by every user.
RUN if [ -z "${CRS_SHA256}" ]; then \
      echo "CRS_SHA256 is empty: set it to the SHA-256 of CRS v${CRS_VERSION}'s archive (see the top of the Dockerfile)" >&2; \
      exit 1; \
    fi \
    && { echo "${CRS_SHA256}  /tmp/crs.tar.gz" | sha256sum --check --strict - \
         || { echo "CRS v${CRS_VERSION}'s archive does not have the SHA-256 CRS_SHA256 names (${CRS_SHA256})" >&2; \
              exit 1; }; } \
    && mkdir /crs \
    && tar -xzf /tmp/crs.tar.gz -C /crs --strip-components=1 --no-same-owner \
         "coreruleset-${CRS_VERSION}/rules" "coreruleset-${CRS_VERSION}/crs-setup.conf.example" \
         "coreruleset-${CRS_VERSION}/LICENSE" \
    && chmod -R u=rwX,go=rX /crs

FROM ${JRE_IMAGE} AS runtime
ARG UID=10001
RUN groupadd --system --gid "${UID}" frontdesk \
    && useradd --system --uid "${UID}" --gid frontdesk --no-create-home --home-dir /nonexistent \
         --shell /usr/sbin/nologin frontdesk
WORKDIR /opt/frontdesk
# Least to most often changed. Owned by root: the application cannot alter its own code (nor
# its rules).
COPY --from=crs /crs /opt/frontdesk/crs
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

ARG CRS_VERSION
LABEL org.opencontainers.image.title="frontdesk" \
      org.opencontainers.image.description="Reverse proxy for the public edge of a web backend, on Spring Cloud Gateway" \
      io.frontdesk.crs.version="${CRS_VERSION}"

# Nothing is written outside /tmp (Java's temporary files, netty-tcnative's native library),
# so the root filesystem may be mounted read-only with a writable /tmp.
ENV TMPDIR=/tmp
# Sizing for a container: the heap as a share of the container's memory limit, taken whole from
# the start (docs/kubernetes.md says why), direct memory (where the cache's memory tier lives:
# docs/caching.md) enough for the default 256 MB cache, and G1, which the JVM would not pick by
# itself below 2 CPUs or 1792 MB. Replace the whole variable to change them.
ENV JDK_JAVA_OPTIONS="-XX:InitialRAMPercentage=35 -XX:MaxRAMPercentage=35 -XX:MaxDirectMemorySize=384m -XX:+UseG1GC"

EXPOSE 8443 8080 9090
USER ${UID}:${UID}
# A JVM out of memory exits, so the orchestrator restarts it instead of leaving it half alive.
# Netty loads BoringSSL (netty-tcnative) as a native library, which JDK 25 allows with a warning
# unless told to. On JDK 24 and later Netty reads and writes its direct buffers through
# sun.misc.Unsafe only where the JVM allows that memory access; without it, every byte of a
# header it encodes goes through a bounds-checked ByteBuffer call (7% more CPU per proxied request).
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", \
            "--sun-misc-unsafe-memory-access=allow", "-jar", "/opt/frontdesk/frontdesk.jar"]
