using System.Buffers.Binary;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Per-packet checks of chains through rewriting functions, from the hop record: every delivered packet and every
/// reply that reached its sender, with the functions crossed, the addresses it arrived with and the host it reached.
/// </summary>
internal sealed class RewriteChainWatch
{
    public sealed record Arrival(TimeSpan SentAt, string Flow, string Visits, uint Source, uint Destination, string Host);

    public readonly List<Arrival> Delivered = new();
    public readonly List<Arrival> Replies = new();
    public readonly ChainPacketWatch Chain;
    public readonly SortedDictionary<string, int> Drops = new();

    public RewriteChainWatch(SimulatedNetwork net)
    {
        Chain = new ChainPacketWatch(net);
        net.PacketDelivered += (p, flow) => Delivered.Add(ArrivalOf(net, p, flow.Spec.Id));
        net.ReplyDelivered += (p, flow) => Replies.Add(ArrivalOf(net, p, flow.Spec.Id));
        net.PacketDropped += (p, reason, where) =>
        {
            var key = $"{reason}@{where}";
            Drops[key] = Drops.GetValueOrDefault(key) + 1;
        };
    }

    public override string ToString() => string.Join(", ", Drops.Select(d => $"{d.Key}={d.Value}"));

    /// <summary>Drops at a host because the packet was not addressed to it: an address the chain failed to rewrite.</summary>
    public int MisaddressedDrops => Drops.Where(d => d.Key.StartsWith(nameof(DropReason.NoSuchHost) + "@", StringComparison.Ordinal)).Sum(d => d.Value);

    private static Arrival ArrivalOf(SimulatedNetwork net, Packet p, string flow)
    {
        var frame = p.Frame;
        // Hosts get untagged IPv4 frames: the addresses sit at fixed offsets.
        var src = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(14 + 12, 4));
        var dst = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(14 + 16, 4));
        var host = net.Hosts.FirstOrDefault(h => h.Ipv4 == dst)?.Id ?? "?";
        var names = new List<string>();
        foreach (var v in p.FunctionVisits) names.Add(net.Functions[v.Function].Id);
        return new Arrival(p.SentAt, flow, string.Join(",", names), src, dst, host);
    }

    public static uint Address(string dotted)
    {
        var b = System.Net.IPAddress.Parse(dotted).GetAddressBytes();
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }
}
