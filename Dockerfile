# syntax=docker/dockerfile:1
#
# SlotHunter production image: one image, four executables (scraper, notifier, bot, deadletter).
# The first argument picks the executable, e.g. `docker run IMAGE notifier`; see
# deploy/docker/entrypoint.sh. The stand-ins and the mock broker are test tools and are not built here.
#
#   docker build -t slothunter:local .

# ---------------------------------------------------------------------------------------------
# Build stage: the official Swift toolchain image plus the C libraries' development packages.
# ---------------------------------------------------------------------------------------------
FROM swift:6.3-noble AS build

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ARG DEBIAN_FRONTEND=noninteractive

# Versions are not pinned on purpose: the distribution's security updates should win, and the
# base image tag already fixes the release (noble). DL3008 would otherwise ask for pins.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka-dev libpq-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# The manifest first, then the sources (see .dockerignore for what is sent).
# Every target directory named in Package.swift must exist for SwiftPM to load the package,
# which is why Tests/ is copied although no test is built here.
COPY Package.swift ./
COPY Shared ./Shared
COPY Services ./Services
COPY Tools ./Tools
COPY Tests ./Tests

# Static Swift runtime (and Foundation), dynamic librdkafka/libpq/libcurl from the distribution.
# The build cache mount keeps .build between builds; binaries are copied out in the same step.
RUN --mount=type=cache,target=/src/.build,sharing=locked \
    for product in scraper notifier bot deadletter migrate; do \
        swift build -c release --static-swift-stdlib --product "${product}"; \
    done \
    && bin_dir="$(swift build -c release --show-bin-path)" \
    && mkdir -p /staging/usr/local/bin \
    && for product in scraper notifier bot deadletter migrate; do \
        install -m 0755 "${bin_dir}/${product}" "/staging/usr/local/bin/${product}"; \
    done

# ---------------------------------------------------------------------------------------------
# Runtime stage: plain Ubuntu with only the shared libraries the executables link against.
# ---------------------------------------------------------------------------------------------
FROM ubuntu:noble AS runtime

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ARG DEBIAN_FRONTEND=noninteractive

# libcurl4 is named libcurl4t64 on noble (64-bit time_t transition); FoundationNetworking needs it.
# Not version-pinned for the same reason as above.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        librdkafka1 libpq5 libcurl4t64 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*

# A fixed numeric uid/gid so Kubernetes' runAsNonRoot can verify it without a passwd lookup.
RUN groupadd --system --gid 10001 slothunter \
    && useradd --system --uid 10001 --gid slothunter --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin slothunter

COPY --from=build /staging/usr/local/bin/ /usr/local/bin/
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/slothunter-entrypoint

# Fail the build, not the first start, when a shared library is missing from this stage.
RUN for exe in scraper notifier bot deadletter migrate; do \
        if ldd "/usr/local/bin/${exe}" | grep -q 'not found'; then \
            ldd "/usr/local/bin/${exe}"; exit 1; \
        fi; \
    done

LABEL org.opencontainers.image.title="SlotHunter" \
      org.opencontainers.image.description="Watches paziresh24 for free appointment slots and tells people on Telegram"

# HOME points at the only writable directory (the root file system is read-only at run time),
# so nothing (e.g. Foundation's URL cache) tries to write under a missing home directory.
ENV HOME=/tmp \
    HTTP_PORT=8080 \
    LOG_LEVEL=info
EXPOSE 8080

USER 10001:10001
WORKDIR /tmp

ENTRYPOINT ["/usr/local/bin/slothunter-entrypoint"]
CMD ["help"]
