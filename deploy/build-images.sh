#!/usr/bin/env bash
# Builds Vigil's container images and pushes them to a registry:
#   deploy/build-images.sh <registry> [tag]        e.g. deploy/build-images.sh ghcr.io/my-org 0.1.0
# Linux images for amd64 and arm64, and the Windows collector (HostProcess) for amd64. Needs
# Docker with buildx; the Windows image is assembled on Linux (its last stage only copies files).
set -euo pipefail
REGISTRY=${1:?usage: deploy/build-images.sh <registry> [tag]}
TAG=${2:-0.1.0}
cd "$(dirname "$0")/.."

for s in metrics-service logs-service alert-service diagnostics-service; do
  docker buildx build --platform linux/amd64,linux/arm64 \
    -f "$s/src/main/docker/Dockerfile.jvm" -t "$REGISTRY/vigil-$s:$TAG" --push .
done
docker buildx build --platform linux/amd64,linux/arm64 \
  -f collector-service/src/main/docker/Dockerfile.jvm -t "$REGISTRY/vigil-collector:$TAG-linux" --push .
docker buildx build --platform windows/amd64 \
  -f collector-service/src/main/docker/Dockerfile.windows-hostprocess -t "$REGISTRY/vigil-collector:$TAG-windows" --push .

echo "pushed $REGISTRY/vigil-{metrics-service,logs-service,alert-service,diagnostics-service}:$TAG"
echo "pushed $REGISTRY/vigil-collector:$TAG-linux and :$TAG-windows"
echo "set images: newName/newTag in deploy/k8s/base/kustomization.yaml (or an overlay) to these"
