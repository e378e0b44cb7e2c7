using System.Collections.Immutable;

namespace SdnController.Controller.Routing;

/// <summary>
/// The switches one flow direction crosses, in order, with the port it enters and leaves each one by.
/// Index i of every array describes the i-th switch; Links[i] joins Switches[i] and Switches[i+1].
/// The first in-port is the source host's attachment port, the last out-port the destination host's.
/// </summary>
public sealed class FlowPath
{
    public FlowPath(ImmutableArray<int> switches, ImmutableArray<int> inPorts, ImmutableArray<int> outPorts, ImmutableArray<int> links, double cost)
    {
        if (switches.IsDefaultOrEmpty) throw new ArgumentException("a path has at least one switch", nameof(switches));
        if (inPorts.Length != switches.Length || outPorts.Length != switches.Length)
            throw new ArgumentException("one in-port and one out-port per switch");
        if (links.Length != switches.Length - 1) throw new ArgumentException("one link between consecutive switches", nameof(links));
        Switches = switches;
        InPorts = inPorts;
        OutPorts = outPorts;
        Links = links;
        Cost = cost;
    }

    /// <summary>Switch indices (topology order).</summary>
    public ImmutableArray<int> Switches { get; }
    public ImmutableArray<int> InPorts { get; }
    public ImmutableArray<int> OutPorts { get; }
    /// <summary>Topology link indices; empty for a one-switch path.</summary>
    public ImmutableArray<int> Links { get; }
    /// <summary>Sum of link weights under the routing metric.</summary>
    public double Cost { get; }

    public int Length => Switches.Length;

    /// <summary>The same links walked the other way (what reply traffic of a bidirectional flow takes).</summary>
    public FlowPath Reversed()
    {
        var n = Switches.Length;
        var s = new int[n];
        var i = new int[n];
        var o = new int[n];
        var l = new int[n - 1];
        for (var k = 0; k < n; k++)
        {
            s[k] = Switches[n - 1 - k];
            i[k] = OutPorts[n - 1 - k];
            o[k] = InPorts[n - 1 - k];
        }
        for (var k = 0; k < n - 1; k++) l[k] = Links[n - 2 - k];
        return new FlowPath(ImmutableArray.Create(s), ImmutableArray.Create(i), ImmutableArray.Create(o), ImmutableArray.Create(l), Cost);
    }

    /// <summary>True when both paths cross the same switches through the same ports (so they need the same rules).</summary>
    public bool SameRoute(FlowPath? other)
    {
        if (other is null || other.Switches.Length != Switches.Length) return false;
        for (var k = 0; k < Switches.Length; k++)
            if (Switches[k] != other.Switches[k] || InPorts[k] != other.InPorts[k] || OutPorts[k] != other.OutPorts[k]) return false;
        for (var k = 0; k < Links.Length; k++)
            if (Links[k] != other.Links[k]) return false;
        return true;
    }

    public override string ToString()
    {
        var parts = new string[Switches.Length];
        for (var k = 0; k < parts.Length; k++) parts[k] = $"{InPorts[k]}>s#{Switches[k]}>{OutPorts[k]}";
        return string.Join(' ', parts);
    }
}
