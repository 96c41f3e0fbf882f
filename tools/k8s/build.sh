#!/usr/bin/env bash
# Builds the real control plane the KWOK test fleet runs: kube-apiserver, kube-controller-manager and
# kube-scheduler of the Kubernetes release pinned in ./go.mod, the etcd server that release itself
# requires, and kwok
# (pinned in ./kwok/go.mod, a module of its own so its newer gRPC and OpenTelemetry do not change what
# the Kubernetes binaries are built with). Everything comes from the Go module proxy.
#
# Binaries go to .cache/k8s/<versions>/; a second run finds them there and builds nothing.
# Prints that directory on stdout.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

log() { printf '\033[1;34mk8s:\033[0m %s\n' "$*" >&2; }

command -v go >/dev/null 2>&1 || {
  echo "k8s: Go 1.26 or later is needed to build the test control plane (go is not on PATH)" >&2
  exit 1
}

module_version() { (cd "$1" && go list -m -f '{{.Version}}' "$2"); }

KUBE_VERSION="$(module_version "$HERE" k8s.io/kubernetes)"
ETCD_VERSION="$(module_version "$HERE" go.etcd.io/etcd/server/v3)"
KWOK_VERSION="$(module_version "$HERE/kwok" sigs.k8s.io/kwok)"
OUT="$ROOT/.cache/k8s/kube-$KUBE_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler etcd kwok kwok-stages kwok-crds)

all_built() {
  local binary
  for binary in "${BINARIES[@]}"; do [ -e "$OUT/$binary" ] || return 1; done
}

if ! all_built; then
  log "building kube-apiserver, kube-controller-manager and kube-scheduler $KUBE_VERSION, etcd $ETCD_VERSION and kwok $KWOK_VERSION into $OUT (the first build takes 15-30 minutes)"
  staging="$OUT.partial"
  rm -rf "$staging"
  mkdir -p "$staging"
  minor="${KUBE_VERSION#v1.}"
  minor="${minor%%.*}"
  # Without these, the binaries report v0.0.0-master and version-gated clients (kubectl, kwok) misjudge them.
  version_flags="-X k8s.io/component-base/version.gitVersion=$KUBE_VERSION"
  version_flags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
  version_flags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  export CGO_ENABLED=0
  (cd "$HERE" && go build -trimpath -ldflags "-s -w $version_flags" -o "$staging/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler)
  # etcd's main package is its server module's root.
  (cd "$HERE" && go build -trimpath -ldflags "-s -w" -o "$staging/etcd" go.etcd.io/etcd/server/v3)
  (cd "$HERE/kwok" && go build -trimpath -ldflags "-s -w" -o "$staging/kwok" sigs.k8s.io/kwok/cmd/kwok)
  # kwok run on its own (not through kwokctl) needs its release's stages and CRDs.
  kwok_source="$(cd "$HERE/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)"
  mkdir -p "$staging/kwok-stages/node" "$staging/kwok-stages/pod" "$staging/kwok-crds"
  cp "$kwok_source"/kustomize/stage/node/fast/node-initialize.yaml \
    "$kwok_source"/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml "$staging/kwok-stages/node/"
  cp "$kwok_source"/kustomize/stage/pod/general/*.yaml "$staging/kwok-stages/pod/"
  rm -f "$staging/kwok-stages/pod/kustomization.yaml"
  cp "$kwok_source"/kustomize/crd/bases/*.yaml "$staging/kwok-crds/"
  chmod -R u+w "$staging/kwok-stages" "$staging/kwok-crds"
  rm -rf "$OUT"
  mv "$staging" "$OUT"
  log "built: $(cd "$OUT" && du -sh --apparent-size . | cut -f1) in $OUT"
fi

echo "$OUT"
