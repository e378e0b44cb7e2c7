using System.Collections.Immutable;
using SdnController.Paths.Algorithms;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Routing;

/// <summary>
/// A flow's equal-cost route between two hosts: the switches of the equal-cost shortest-path DAG between
/// their switches, and per switch the ports each direction leaves by (several = a select group). The
/// reply direction uses the same DAG backwards, so both directions cross the same links.
/// </summary>
public sealed class EcmpRoute
{
    private readonly int[] _forwardStart;
    private readonly int[] _forwardPorts;
    private readonly int[] _reverseStart;
    private readonly int[] _reversePorts;
    private readonly ImmutableArray<Bucket>[] _buckets;

    internal EcmpRoute(EcmpDag dag, bool sourceIsDagSource, int[] switches, int[] forwardStart, int[] forwardPorts, int[] reverseStart, int[] reversePorts,
        int[] links, int ingress, int egress, double maxLatencyMs)
    {
        Dag = dag;
        SourceIsDagSource = sourceIsDagSource;
        Switches = switches;
        _forwardStart = forwardStart;
        _forwardPorts = forwardPorts;
        _reverseStart = reverseStart;
        _reversePorts = reversePorts;
        Links = links;
        IngressPosition = ingress;
        EgressPosition = egress;
        MaxLatencyMs = maxLatencyMs;
        _buckets = new ImmutableArray<Bucket>[2 * switches.Length];
    }

    /// <summary>The DAG as computed (from the lower-indexed of the two switches, so both directions of a host pair share it).</summary>
    public EcmpDag Dag { get; }
    /// <summary>The flow's source switch is the DAG's source (else the flow runs the DAG backwards).</summary>
    public bool SourceIsDagSource { get; }
    /// <summary>The DAG's switches (switch indices); positions index every per-switch array.</summary>
    public int[] Switches { get; }
    /// <summary>Every link of the DAG, sorted.</summary>
    public int[] Links { get; }
    /// <summary>Position of the flow's source switch (forward ingress, reverse egress).</summary>
    public int IngressPosition { get; }
    /// <summary>Position of the flow's destination switch (forward egress, reverse ingress).</summary>
    public int EgressPosition { get; }
    /// <summary>Latency of the DAG's slowest path (the drain wait after moving traffic off it).</summary>
    public double MaxLatencyMs { get; }
    public int Length => Switches.Length;

    /// <summary>Ports a direction leaves the switch at this position by (the host port at its egress).</summary>
    public ReadOnlySpan<int> OutPorts(int position, bool reverse) => reverse
        ? _reversePorts.AsSpan(_reverseStart[position], _reverseStart[position + 1] - _reverseStart[position])
        : _forwardPorts.AsSpan(_forwardStart[position], _forwardStart[position + 1] - _forwardStart[position]);

    /// <summary>Select-group buckets for a direction at this position: output to each port, watching it. Made once per route.</summary>
    public ImmutableArray<Bucket> Buckets(int position, bool reverse)
    {
        ref var b = ref _buckets[2 * position + (reverse ? 1 : 0)];
        if (!b.IsDefault) return b;
        var ports = OutPorts(position, reverse);
        var builder = ImmutableArray.CreateBuilder<Bucket>(ports.Length);
        foreach (var p in ports) builder.Add(new Bucket(OutputActions.To(p)) { WatchPort = p });
        return b = builder.MoveToImmutable();
    }

    public bool UsesLink(int link) => Array.BinarySearch(Links, link) >= 0;

    /// <summary>Same switches with the same out-port sets in both directions (so the same rules and groups).</summary>
    public bool SameAs(EcmpRoute? other) =>
        other is not null && IngressPosition == other.IngressPosition && EgressPosition == other.EgressPosition &&
        Switches.AsSpan().SequenceEqual(other.Switches) &&
        _forwardStart.AsSpan().SequenceEqual(other._forwardStart) && _forwardPorts.AsSpan().SequenceEqual(other._forwardPorts) &&
        _reverseStart.AsSpan().SequenceEqual(other._reverseStart) && _reversePorts.AsSpan().SequenceEqual(other._reversePorts);

    /// <summary>Number of distinct equal-cost paths.</summary>
    public long PathCount() => Dag.PathCount();

    /// <summary>Up to <paramref name="max"/> of the equal-cost paths in the flow's direction, as switch-index sequences.</summary>
    public List<int[]> Paths(int max)
    {
        var result = new List<int[]>();
        var stack = new List<int> { SourceIsDagSource ? 0 : Dag.Nodes.Length - 1 };
        Walk(stack, result, max);
        return result;
    }

    private void Walk(List<int> stack, List<int[]> result, int max)
    {
        if (result.Count >= max) return;
        var position = stack[^1];
        var last = SourceIsDagSource ? Dag.Nodes.Length - 1 : 0;
        if (position == last)
        {
            var nodes = new int[stack.Count];
            for (var i = 0; i < nodes.Length; i++) nodes[i] = Dag.Nodes[stack[i]];
            result.Add(nodes);
            return;
        }
        if (SourceIsDagSource)
        {
            foreach (var h in Dag.NextHops(position))
            {
                stack.Add(h.Position);
                Walk(stack, result, max);
                stack.RemoveAt(stack.Count - 1);
            }
            return;
        }
        // Backwards: the predecessors of the position, in node order.
        for (var i = 0; i < position; i++)
            foreach (var h in Dag.NextHops(i))
                if (h.Position == position)
                {
                    stack.Add(i);
                    Walk(stack, result, max);
                    stack.RemoveAt(stack.Count - 1);
                }
    }
}
