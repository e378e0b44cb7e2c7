using SdnController.Controller.Planning;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// What the data plane did with the traffic flows' packets: when each delivered packet was sent, which were
/// lost, which took a detour, and whether any mixed configurations (one cookie; one version: the primary's
/// tag or none, and after leaving the primary only the detour tag of that same version) or crossed a switch twice.
/// </summary>
internal sealed class DataPlaneWatch
{
    private readonly Dictionary<string, List<TimeSpan>> _delivered = new();
    private readonly Dictionary<string, List<TimeSpan>> _lost = new();
    public readonly Dictionary<string, List<TimeSpan>> Detoured = new();
    public readonly List<string> Mixed = new();
    public int Looped;
    public int Groups;
    public readonly Dictionary<string, IReadOnlyList<GroupEntry>> GroupsAt = new();

    public DataPlaneWatch(SimulatedNetwork network)
    {
        network.PacketDelivered += (p, flow) =>
        {
            Add(_delivered, flow.Id, p.SentAt);
            Check(network, p, flow);
        };
        network.PacketDropped += (p, reason, _) =>
        {
            if (p.FlowIndex < 0) return;
            if (reason == DropReason.HopLimit) Looped++;
            Add(_lost, network.Flows[p.FlowIndex].Id, p.SentAt);
        };
    }

    public void CountGroups(SimulatedNetwork network)
    {
        foreach (var s in network.Switches)
        {
            var groups = s.Groups.Snapshot();
            Groups += groups.Count;
            GroupsAt[s.Name] = groups;
        }
    }

    private static void Add(Dictionary<string, List<TimeSpan>> into, string flow, TimeSpan at)
    {
        if (!into.TryGetValue(flow, out var list)) into[flow] = list = new List<TimeSpan>();
        list.Add(at);
    }

    private void Check(SimulatedNetwork network, Packet p, HostFlow flow)
    {
        var rules = p.HopRules;
        var hops = p.Hops;
        var ok = rules.Length > 0 && rules[0].Cookie != 0;
        var primaryVersion = rules[0].Version;
        var detourVersion = primaryVersion == 0 ? 0 : 1;
        var detour = -1;
        for (var i = 0; i < rules.Length && ok; i++)
        {
            if (rules[i].Cookie != rules[0].Cookie) ok = false;
            var v = rules[i].Version;
            if (DetourTags.IsDetour(v))
            {
                if (DetourTags.VersionOf(v) != detourVersion || (detour >= 0 && v != detour)) ok = false;
                detour = v;
            }
            else if (detour >= 0 || v != primaryVersion) ok = false;
            for (var j = 0; j < i; j++)
                if (hops[j] == hops[i]) ok = false;
        }
        if (detour >= 0) Add(Detoured, flow.Id, p.SentAt);
        if (ok || Mixed.Count >= 50) return;
        var parts = new List<string>(hops.Length);
        for (var i = 0; i < hops.Length; i++) parts.Add($"{network.Switches[hops[i]].Name}[{rules[i].Version}]");
        Mixed.Add($"{flow.Id} sent at {p.SentAt.TotalMilliseconds:0.###} ms: {string.Join(" ", parts)}");
    }

    public TimeSpan FirstSentAndDeliveredAfter(string flow, TimeSpan at) =>
        _delivered.TryGetValue(flow, out var list) && list.Where(t => t >= at).DefaultIfEmpty(TimeSpan.MaxValue).Min() is var t ? t : TimeSpan.MaxValue;

    public int LostSentBetween(string flow, TimeSpan from, TimeSpan to) =>
        _lost.TryGetValue(flow, out var list) ? list.Count(t => t >= from && t < to) : 0;

    public int DetouredBetween(string flow, TimeSpan from, TimeSpan to) =>
        Detoured.TryGetValue(flow, out var list) ? list.Count(t => t >= from && t < to) : 0;
}
