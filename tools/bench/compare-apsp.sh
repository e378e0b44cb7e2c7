#!/usr/bin/env bash
# Weighted all-pairs shortest paths: sdnctl vs python-igraph vs networkx, measured in the same run
# on the same weighted edge list, with the distance matrices cross-checked.
# Usage: tools/bench/compare-apsp.sh [NETWORK] (default Kdl); env METRIC (latency), REPEATS (20).
# Installs Debian's python3-igraph and python3-networkx if they are missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/../.."
NET=${1:-Kdl}
METRIC=${METRIC:-latency}
REPEATS=${REPEATS:-20}
ZOO=${ZOO:-../shared/data/topologyzoo/graphml}
PY=/usr/bin/python3
SDNCTL="dotnet src/SdnController.Cli/bin/Release/net10.0/sdnctl.dll"

if [[ ! -f $ZOO/$NET.graphml ]]; then echo "bench: $ZOO/$NET.graphml not found (the Topology Zoo lives in ../shared/data)" >&2; exit 2; fi
if ! $PY -c 'import igraph, networkx' 2>/dev/null; then
  echo "bench: installing Debian packages python3-igraph python3-networkx (reference implementations)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-igraph python3-networkx >/dev/null
fi
[[ -f src/SdnController.Cli/bin/Release/net10.0/sdnctl.dll ]] || dotnet build SdnController.sln -c Release -nologo -v quiet

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$SDNCTL bench paths "$ZOO/$NET.graphml" --metric "$METRIC" --repeats "$REPEATS" --json --export-edges "$tmp/edges.tsv" >"$tmp/ours.json"
$PY tools/bench/apsp_reference.py "$tmp/edges.tsv" "$REPEATS" >"$tmp/ref.json"
$PY - "$tmp/ours.json" "$tmp/ref.json" "$NET" "$METRIC" <<'PYEOF'
import json, sys
ours = json.load(open(sys.argv[1])); ref = json.load(open(sys.argv[2])); net, metric = sys.argv[3], sys.argv[4]
base = ours["apsp_ms"]
print(f"Weighted all-pairs shortest paths on {net} ({ref['nodes']} nodes, {ref['links']} links, metric {metric}), median of repeats")
print(f"  {'implementation':<22}{'ms':>10}{'vs sdnctl':>12}  distances")
print(f"  {'sdnctl (C#)':<22}{base:>10.3f}{'1.0x':>12}  sum {ours['apsp_distance_sum']:.6f}, unreachable {ours['apsp_unreachable']}")
ok = True
for name in ("igraph", "networkx"):
    r = ref.get(name, {})
    if "error" in r: print(f"  {name:<22}  not available: {r['error']}"); continue
    agree = abs(r["sum"] - ours["apsp_distance_sum"]) <= 1e-6 * max(1.0, abs(r["sum"])) and r["unreachable"] == ours["apsp_unreachable"]
    ok &= agree
    label = f"{name} {r['version']}"
    print(f"  {label:<22}{r['apsp_ms']:>10.3f}{r['apsp_ms']/base:>11.1f}x  {'agree' if agree else 'DISAGREE'} (sum {r['sum']:.6f}, unreachable {r['unreachable']})")
print(f"Incremental reroute after one link failure (median of {ours['sampled_links']} random links): {ours['affected_pairs']} of {ours['total_pairs']} pairs recomputed "
      f"({ours['sources_recomputed']} source trees repaired) in {ours['incremental_ms']:.3f} ms vs full recompute with paths {ours['full_recompute_ms']:.3f} ms "
      f"({ours['full_recompute_ms']/max(ours['incremental_ms'],1e-9):.1f}x)")
print(f"  worst case, busiest link {ours['worst_link']}: {ours['worst_affected_pairs']} pairs, {ours['worst_sources_recomputed']} sources, {ours['worst_incremental_ms']:.3f} ms")
print(f"Yen k-shortest paths (k={ours['k']}, {ours['kshortest_pairs']} pairs): {ours['kshortest_ms']:.3f} ms")
sys.exit(0 if ok else 1)
PYEOF
