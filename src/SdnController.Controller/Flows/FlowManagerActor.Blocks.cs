using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Sockets;
using Akka.Event;
using SdnController.Controller.Nfv;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Nfv;

namespace SdnController.Controller.Flows;

/// <summary>
/// Flow blocks: when a blocking IDS alerts, the controller drops the flow's 5-tuple where it enters the network —
/// at the access port of the host that sent the offending packet, and of its peer for the replies — so the flow's
/// later packets never reach the chain. The rules sit two above the flow priority (above the version-tagged
/// rules), match the access in-port (so no flow direction ever shares their match) and carry a
/// <see cref="BlockCookie"/>. Blocks stay for the controller's lifetime; a flow another alert names again costs nothing.
/// </summary>
public sealed partial class FlowManagerActor
{
    private Dictionary<uint, int>? _hostByIpv4;
    private readonly HashSet<FunctionFlowTuple> _blockedFlows = new();
    private long _blockCount;
    private static readonly ImmutableArray<FlowAction> Drop = ImmutableArray<FlowAction>.Empty;

    private void InitBlocks() => Receive<BlockFlow>(m =>
    {
        // Both directions share the block: an alert on a reply of a blocked flow is the same block.
        var t = m.Tuple;
        if (_blockedFlows.Contains(t) || _blockedFlows.Contains(Reverse(t))) return;
        _blockedFlows.Add(t);
        Enqueue(new BlockWork(m, Stopwatch.GetTimestamp()));
    });

    private static FunctionFlowTuple Reverse(FunctionFlowTuple t) => new(t.Destination, t.Source, t.DestinationPort, t.SourcePort, t.Protocol);

    private FlowUpdate StartBlockWork(BlockWork w)
    {
        var b = w.Block;
        var cookie = BlockCookie.Of(++_blockCount);
        var switches = ImmutableArray.CreateBuilder<string>(2);
        var rules = ImmutableArray.CreateBuilder<string>(2);
        var src = HostOfIpv4(b.Tuple.Source);
        var dst = HostOfIpv4(b.Tuple.Destination);
        if (src >= 0) ClaimBlock(src, b.Tuple, cookie, switches, rules);
        if (dst >= 0) ClaimBlock(dst, Reverse(b.Tuple), cookie, switches, rules);
        var blocked = new FlowBlocked(_setup.Clock.Now, b.FunctionId, b.SignatureId, b.Flow, switches.ToImmutable(), rules.ToImmutable());
        if (src < 0 && dst < 0)
        {
            blocked = blocked with { Reason = "neither address is a known host's: no ingress to block at" };
            _log.Warning("IDS '{0}' flow '{1}': {2}", b.FunctionId, b.Flow, blocked.Reason);
        }
        else
            _log.Info("IDS '{0}' blocks flow '{1}' (signature '{2}') at {3}", b.FunctionId, b.Flow, b.SignatureId, string.Join(", ", switches));
        w.Outcome = blocked;
        return new FlowUpdate(w, CommitChanges(), default) { ComputedAt = _setup.Clock.Now };
    }

    /// <summary>A drop rule for packets of <paramref name="t"/> entering from host <paramref name="host"/>'s access port.</summary>
    private void ClaimBlock(int host, FunctionFlowTuple t, ulong cookie, ImmutableArray<string>.Builder switches, ImmutableArray<string>.Builder rules)
    {
        var sw = _routing.SwitchOfHost(host);
        var hasPorts = t.Protocol is 6 or 17;
        var match = new Match
        {
            InPort = _routing.PortOfHost(host),
            EthType = 0x0800,
            Ipv4Src = Ipv4Prefix.Host(t.Source),
            Ipv4Dst = Ipv4Prefix.Host(t.Destination),
            IpProto = t.Protocol == 0 ? null : t.Protocol,
            // ICMP "ports" are the echo identifier, which switches cannot match: such a block takes all ICMP between the two.
            L4Src = hasPorts ? t.SourcePort : null,
            L4Dst = hasPorts ? t.DestinationPort : null,
        };
        _rules.Claim(sw, _rules.InternMatch(match), match, cookie, Drop, _planner.Priority + 2);
        switches.Add(_topology.Switches[sw].Id);
        rules.Add(match.ToString());
    }

    private int HostOfIpv4(uint address)
    {
        if (_hostByIpv4 is null)
        {
            _hostByIpv4 = new Dictionary<uint, int>();
            for (var i = 0; i < _topology.Hosts.Count; i++)
            {
                if (_topology.Hosts[i].IPv4 is not { } a || a.Address.AddressFamily != AddressFamily.InterNetwork) continue;
                var bytes = a.Address.GetAddressBytes();
                _hostByIpv4.TryAdd(((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3], i);
            }
        }
        return _hostByIpv4.TryGetValue(address, out var h) ? h : -1;
    }
}
