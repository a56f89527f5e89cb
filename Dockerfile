# syntax=docker/dockerfile:1
# A small image of realtor: one static (musl) binary on an empty base, run as a non-root
# user. No Docker engine runs in this project's CI, so tests/integrations.rs lints this file
# with realtor instead of building it.
#
#     docker build -t realtor .
#     docker run --rm -v "$PWD:/src:ro" -w /src realtor check .
FROM rust:1.88-alpine3.22 AS build
RUN apk add --no-cache "musl-dev~1.2.5"
WORKDIR /src
COPY . .
RUN cargo build --locked --release --bin realtor \
 && install -D -m 0755 target/release/realtor /out/realtor

FROM scratch
COPY --from=build /out/realtor /realtor
USER 65532:65532
ENTRYPOINT ["/realtor"]
CMD ["check", "."]
