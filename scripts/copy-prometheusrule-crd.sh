#!/usr/bin/env bash
# Copies the PrometheusRule CRD (prometheus-operator v0.93.0) into src/observability/crds. One
# pattern is rewritten: `^(?i)(abort|warn)?$` (spec.groups[].partial_response_strategy) uses Go's
# inline case-insensitive flag, which JavaScript regular expressions (and so ajv) reject; the
# rewrite accepts the same strings.
set -euo pipefail
src="${1:?path to monitoring.coreos.com_prometheusrules.yaml}"
dest="$(dirname "$0")/../src/observability/crds/monitoring.coreos.com_prometheusrules.yaml"
sed 's/\^(?i)(abort|warn)?\$/^([Aa][Bb][Oo][Rr][Tt]|[Ww][Aa][Rr][Nn])?$/' "$src" > "$dest"
grep -q '(?i)' "$dest" && { echo "an inline flag is left in $dest" >&2; exit 1; } || true
