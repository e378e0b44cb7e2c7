using System.Runtime.InteropServices;
using SdnController.Controller.Routing;

namespace SdnController.Controller.Flows;

/// <summary>Routing flows: each by its metric's routing service, routes memoised per host pair while no link changes.</summary>
public sealed partial class FlowManagerActor
{
    /// <summary>
    /// Sets each flow's NewPath to its current route, each by its metric's service; returns the distinct host
    /// pairs routed. Flows are taken root by root, so each routing tree is searched once even when the routing
    /// service cannot keep every tree, and flows between the same two hosts share one path object.
    /// </summary>
    private int RoutePaths(List<FlowRecord> flows)
    {
        if (_routings.Count == 1) return RoutePaths(_routing, flows);
        var bySlot = new List<FlowRecord>?[_routings.Count];
        foreach (var f in flows) (bySlot[f.RoutingSlot] ??= new List<FlowRecord>()).Add(f);
        var pairs = 0;
        for (var slot = 0; slot < bySlot.Length; slot++)
            if (bySlot[slot] is { } list) pairs += RoutePaths(_routings[slot], list);
        return pairs;
    }

    /// <summary>Routes the flows (NewPath) with one service; returns the distinct host pairs routed.</summary>
    private int RoutePaths(RoutingService routing, List<FlowRecord> flows)
    {
        // The usual case (a reactive batch, a reroute in a fabric whose trees are all kept): every tree is
        // cached or few are missing. Then the flows are routed in their own order, with no sort by root.
        var missing = MissingRoots(routing, flows, Math.Max(1, routing.MaxCachedTrees / 2));
        if (missing is not null)
        {
            if (missing.Count > 0) routing.PrepareTrees(CollectionsMarshal.AsSpan(missing));
            var inOrder = RouteCall(routing);
            foreach (var f in flows) RouteOne(routing, f, ref inOrder);
            return EndRouteCall(inOrder);
        }
        var order = new int[flows.Count];
        var roots = new int[flows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            roots[i] = flows[i].Root;
        }
        Array.Sort(roots, order);
        var state = RouteCall(routing);
        // Trees are prepared a batch of roots at a time (in parallel when large), within the cache bound.
        var batch = Math.Max(1, routing.MaxCachedTrees / 2);
        var distinct = new List<int>();
        var preparedUpTo = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var f = flows[order[k]];
            if (k >= preparedUpTo)
            {
                distinct.Clear();
                var j = k;
                for (; j < order.Length; j++)
                {
                    var r = roots[j];
                    if (distinct.Count > 0 && distinct[^1] == r) continue;
                    if (distinct.Count == batch) break;
                    distinct.Add(r);
                }
                preparedUpTo = j;
                routing.PrepareTrees(CollectionsMarshal.AsSpan(distinct));
            }
            RouteOne(routing, f, ref state);
        }
        return EndRouteCall(state);
    }

    /// <summary>
    /// The distinct roots of the flows whose trees are not cached, or null when there are more than
    /// <paramref name="limit"/> (then the flows are routed root by root, trees prepared in batches).
    /// </summary>
    private List<int>? MissingRoots(RoutingService routing, List<FlowRecord> flows, int limit)
    {
        var missing = new List<int>();
        var stamp = ++_rootStamp;
        if (_rootMarks.Length < _flowsByRoot.Length) _rootMarks = new long[_flowsByRoot.Length];
        foreach (var f in flows)
        {
            var r = f.Root;
            if (_rootMarks[r] == stamp) continue;
            _rootMarks[r] = stamp;
            if (routing.HasTree(r)) continue;
            if (missing.Count == limit) return null;
            missing.Add(r);
        }
        return missing;
    }

    private long[] _rootMarks = [];
    private long _rootStamp;

    /// <summary>One routing call's memo and counters (see <see cref="RouteOne"/>).</summary>
    private struct RouteCallState
    {
        public Dictionary<long, (FlowPath? Path, long Version, long Call)> Memo;
        /// <summary>The memo as an array by (source, destination) host when the network has few hosts; else null.</summary>
        public (FlowPath? Path, long Version, long Call)[]? Dense;
        public int Hosts;
        /// <summary>The routing's link-state version plus one (0 marks an empty dense entry).</summary>
        public long Version;
        public long Call;
        public int Pairs;
    }

    // A host pair has one root, so its route is computed once per call. The memo is kept between calls
    // (reactive batches route the same host pairs again and again), each route with the link-state version
    // it was computed under: a route is reused only while no link changed. Flows of one host pair then share
    // one path object instead of a new one each (five arrays that all outlive the batch).
    private RouteCallState RouteCall(RoutingService routing)
    {
        var main = routing == _routing;
        var hosts = _topology.Hosts.Count;
        // A few hundred hosts: an array of every pair (256 hosts: 1.5 MiB) is one cache miss per lookup, where
        // the dictionary's buckets and entries cost two or three.
        if (main && hosts <= MaxDenseMemoHosts) _denseRouteMemo ??= new (FlowPath?, long, long)[hosts * hosts];
        return new RouteCallState
        {
            Memo = main ? _routeMemo : new Dictionary<long, (FlowPath? Path, long Version, long Call)>(),
            Dense = main ? _denseRouteMemo : null,
            Hosts = hosts,
            Version = routing.LinkStateVersion + 1,
            Call = ++_routeCalls,
        };
    }

    private const int MaxDenseMemoHosts = 256;
    private (FlowPath? Path, long Version, long Call)[]? _denseRouteMemo;

    private static void RouteOne(RoutingService routing, FlowRecord f, ref RouteCallState state)
    {
        ref var memoed = ref state.Dense is { } dense
            ? ref dense[f.SrcHost * state.Hosts + f.DstHost]
            // Mixed by an odd multiply (a bijection, so still one key per pair): a long's own hash folds its
            // halves with xor, which gives every (a, b) with the same a ^ b the same bucket.
            : ref CollectionsMarshal.GetValueRefOrAddDefault(state.Memo, PairKey.Of(f.SrcHost, f.DstHost), out _);
        if (memoed.Version != state.Version) memoed = (routing.Route(f.SrcHost, f.DstHost), state.Version, 0);
        if (memoed.Call != state.Call)
        {
            memoed.Call = state.Call;
            state.Pairs++;
        }
        var path = memoed.Path;
        f.NewPath = path;
        // ECMP off never gets here; on, the DAG is cached per switch pair by the routing service.
        if (f.EcmpEnabled && path is { Length: > 1 }) f.NewEcmp = routing.RouteEcmp(f.SrcHost, f.DstHost);
    }

    /// <summary>The distinct host pairs the call routed.</summary>
    private static int EndRouteCall(in RouteCallState state)
    {
        var memo = state.Memo;
        if (memo.Count > MaxKeptMemo)
        {
            // Bounded: a start-up with 100,000 host pairs gives the routes (and the capacity) back.
            memo.Clear();
            memo.TrimExcess(MaxKeptMemo);
        }
        return state.Pairs;
    }

    /// <summary>Routes (host pair → path and its root's generation) kept between updates, at most this many.</summary>
    private const int MaxKeptMemo = 65_536;
    private readonly Dictionary<long, (FlowPath? Path, long Version, long Call)> _routeMemo = new();
    private long _routeCalls;
}
