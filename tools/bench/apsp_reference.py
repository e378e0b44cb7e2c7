#!/usr/bin/python3
"""Times weighted all-pairs shortest paths with python-igraph and networkx on the same
weighted edge list `sdnctl bench paths --export-edges` wrote, and checks that all three
implementations agree on the distances (sum of finite distances and unreachable count).

Usage: apsp_reference.py EDGES.tsv REPEATS  -> prints one JSON object on stdout.
EDGES.tsv: first line "nodes<TAB>N", then "a<TAB>b<TAB>weight" per link (node indices)."""
import json, math, statistics, sys, time

def load(path):
    with open(path) as f:
        head = f.readline().split()
        n = int(head[1])
        edges = []
        for line in f:
            a, b, w = line.split()
            edges.append((int(a), int(b), float(w)))
    return n, edges

def timed(fn, repeats):
    fn()  # warm-up
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times), result

def summarise(rows):
    total, unreachable = 0.0, 0
    for row in rows:
        for d in row:
            if math.isinf(d): unreachable += 1
            else: total += d
    return total, unreachable

def main():
    path, repeats = sys.argv[1], int(sys.argv[2])
    n, edges = load(path)
    out = {"nodes": n, "links": len(edges)}
    try:
        import igraph
        g = igraph.Graph(n=n, edges=[(a, b) for a, b, _ in edges], directed=False)
        g.es["weight"] = [w for _, _, w in edges]
        ms, rows = timed(lambda: g.distances(weights="weight"), repeats)
        total, unreachable = summarise(rows)
        out["igraph"] = {"version": igraph.__version__, "apsp_ms": ms, "sum": total, "unreachable": unreachable}
    except ImportError as e:
        out["igraph"] = {"error": str(e)}
    try:
        import networkx as nx
        G = nx.MultiGraph()
        G.add_nodes_from(range(n))
        for a, b, w in edges:
            G.add_edge(a, b, weight=w)
        def run():
            return dict(nx.all_pairs_dijkstra_path_length(G, weight="weight"))
        ms, lengths = timed(run, max(1, repeats // 5))
        rows = [[lengths[s].get(t, math.inf) for t in range(n)] for s in range(n)]
        total, unreachable = summarise(rows)
        out["networkx"] = {"version": nx.__version__, "apsp_ms": ms, "sum": total, "unreachable": unreachable}
    except ImportError as e:
        out["networkx"] = {"error": str(e)}
    print(json.dumps(out))

if __name__ == "__main__":
    main()
