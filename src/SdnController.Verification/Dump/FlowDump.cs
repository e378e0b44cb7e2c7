namespace SdnController.Verification.Dump;

/// <summary>A flow dump ("sdnctl-flow-dump/1", docs/flow-dump.md) as the verifier reads it.</summary>
public sealed record FlowDump(string Topology, double AtMs, IReadOnlyList<DumpSwitch> Switches, IReadOnlyList<DumpHost> Hosts)
{
    public DumpSwitch? FindSwitch(string id)
    {
        foreach (var s in Switches)
            if (s.Id == id) return s;
        return null;
    }
}

/// <summary>One switch: power, ports, its rules sorted highest priority first, and its groups by id.</summary>
public sealed record DumpSwitch(
    string Id, bool Up, IReadOnlyDictionary<int, DumpPort> Ports, IReadOnlyList<DumpRule> Rules, IReadOnlyDictionary<int, DumpGroup> Groups);

/// <summary>
/// A port. <see cref="Up"/> is the carrier the switch sees (what fast-failover watches); <see cref="LinkUp"/>
/// whether the link really carries (false on a silent failure). Neighbour: a switch port, a host, or nothing.
/// </summary>
public sealed record DumpPort(int Port, bool Up, string? Link, bool LinkUp, string? NeighborSwitch, int NeighborPort, string? NeighborHost);

public sealed record DumpRule(int Priority, string Cookie, RuleMatch Match, IReadOnlyList<DumpAction> Actions, int Line);

public enum GroupKind { All, Select, Indirect, FastFailover }

public sealed record DumpGroup(int GroupId, GroupKind Kind, IReadOnlyList<DumpBucket> Buckets);

/// <summary><see cref="WatchPort"/> is -1 when the bucket watches no port.</summary>
public sealed record DumpBucket(int Weight, int WatchPort, IReadOnlyList<DumpAction> Actions);

/// <summary>A host as the dump states it; <see cref="Ipv4"/> is 0 when it has none.</summary>
public sealed record DumpHost(string Id, ulong Mac, uint Ipv4, bool HasIpv4, string Switch, int Port);
