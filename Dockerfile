# frr in a container: one image for every store; each store's job mounts its own config,
# credentials (environment, from a Secret) and state volume (docs/operations.md, "Many stores";
# deploy/kubernetes/ has the CronJob). Build:  docker build -t frr:0.1.0 .
#
# The build stage runs the README's install path ("Installing"), command for command:
# scripts/install-deps.sh, cmake configure/build, cmake --install. CI runs the same scripts and
# cmake --install (test/integration/install_test.sh, deploy_test.sh), so no container engine is
# needed to know these steps work.

FROM debian:bookworm-slim AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/
RUN ./scripts/install-deps.sh build
COPY . .
ARG FRR_GIT_REVISION=""
RUN cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DFRR_BUILD_TESTS=OFF -DFRR_GIT_REVISION="$FRR_GIT_REVISION" \
 && cmake --build build-release -j"$(nproc)" \
 && DESTDIR=/stage cmake --install build-release --strip

FROM debian:bookworm-slim
COPY scripts/install-deps.sh /usr/local/lib/frr-install-deps.sh
RUN /usr/local/lib/frr-install-deps.sh runtime \
 && rm -rf /var/lib/apt/lists/* /usr/local/lib/frr-install-deps.sh \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/frr --no-create-home \
      --shell /usr/sbin/nologin frr \
 && mkdir -p /var/lib/frr /etc/frr \
 && chown frr:frr /var/lib/frr
COPY --from=build /stage/ /
# Run as the unprivileged frr user; the state directory (snapshots, ledger, hashing key, token
# cache) is a volume: mount a persistent one per store. The config is read from /etc/frr/frr.yaml
# (mount it), credentials from the environment variables it names (*_env keys), never from files
# baked into the image.
USER 10001:10001
VOLUME ["/var/lib/frr"]
WORKDIR /var/lib/frr
ENV FRR_CONFIG=/etc/frr/frr.yaml FRR_STATE_DIR=/var/lib/frr
ENTRYPOINT ["/usr/local/bin/frr"]
CMD ["--log-format", "json", "run"]
