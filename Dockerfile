# syntax=docker/dockerfile:1
# The image of every Inlet service, from the repository root (the build context; .dockerignore keeps it small):
#
#   docker build --build-arg SERVICE=grades -t inlet/grades .
#
# SERVICE is a folder under services/: ingress, grades, membership, content, payments or media.
# Everything the image holds is made by deploy/image/build.sh; the image-layout test
# (deploy/checks/test/image-layout.test.ts) runs that script on a copy of the context and starts the result on
# this Node version, so keep the build in the script and this file to the copies below.
ARG SERVICE

FROM node:24.22.3-bookworm-slim AS build
ARG SERVICE
WORKDIR /repo
COPY . .
# The npm cache survives between builds (only the lockfile's packages are fetched, and only once).
RUN --mount=type=cache,target=/root/.npm,sharing=locked sh deploy/image/build.sh "$SERVICE" /out

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root, read by node: the process cannot change its own code.
COPY --from=build /out /app
USER node
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

# One stage per service: its default port (package.json inlet.port) and its entry point. The last line picks
# the one SERVICE names; BuildKit builds only that one.
FROM runtime AS service-ingress
ENV PORT=8080
EXPOSE 8080
CMD ["node", "--max-old-space-size=96", "--max-semi-space-size=8", "--no-maglev", "services/ingress/dist/main.js"]

FROM runtime AS service-grades
ENV PORT=8081
EXPOSE 8081
CMD ["node", "services/grades/dist/main.js"]

FROM runtime AS service-membership
ENV PORT=8082
EXPOSE 8082
CMD ["node", "services/membership/dist/main.js"]

FROM runtime AS service-content
ENV PORT=8083
EXPOSE 8083
CMD ["node", "services/content/dist/main.js"]

FROM runtime AS service-payments
ENV PORT=8084
EXPOSE 8084
CMD ["node", "services/payments/dist/main.js"]

FROM runtime AS service-media
ENV PORT=8085
EXPOSE 8085
CMD ["node", "services/media/dist/main.js"]

FROM service-${SERVICE}
