using SdnController.Controller.Planning;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Per-packet chain checks from the hop record: the functions each delivered packet crossed, in order, and whether
/// the chain tags it met all belong to one configuration version with segments in order.
/// </summary>
internal sealed class ChainPacketWatch
{
    public readonly List<(TimeSpan SentAt, string Flow, string Visits)> Delivered = new();
    public readonly List<string> Mixed = new();
    public long FunctionDropped;
    public readonly SortedDictionary<string, int> Drops = new();
    public override string ToString() => string.Join(", ", Drops.Select(d => $"{d.Key}={d.Value}"));

    public ChainPacketWatch(SimulatedNetwork net)
    {
        net.PacketDelivered += (p, flow) =>
        {
            var names = new List<string>();
            foreach (var v in p.FunctionVisits) names.Add(net.Functions[v.Function].Id);
            Delivered.Add((p.SentAt, flow.Spec.Id, string.Join(",", names)));
            CheckOneVersion(p);
        };
        net.PacketDropped += (p, reason, where) =>
        {
            if (reason == DropReason.FunctionDown) FunctionDropped++;
            var key = $"{reason}@{where}";
            Drops[key] = Drops.GetValueOrDefault(key) + 1;
        };
    }

    /// <summary>Every tag a packet met is a chain tag of one version, segments in order.</summary>
    private void CheckOneVersion(Packet p)
    {
        var version = -1;
        var segment = 0;
        foreach (var r in p.HopRules)
        {
            if (r.Version == 0) continue;
            if (!ChainTags.IsChain(r.Version)) { Mixed.Add($"tag {r.Version}"); return; }
            var v = ChainTags.VersionOf(r.Version);
            var s = ChainTags.SegmentOf(r.Version);
            if ((version >= 0 && v != version) || s < segment) { Mixed.Add(string.Join(" ", p.HopRules.ToArray())); return; }
            version = v;
            segment = s;
        }
    }
}
