using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using SdnController.Controller.Nfv;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Telemetry;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Nfv;

namespace SdnController.Controller.Flows;

/// <summary>
/// Flow blocks: when a blocking IDS alerts, the controller drops the flow's 5-tuple where it enters the network —
/// at the access port of the host that sent the offending packet, and of its peer for the replies — so the flow's
/// later packets never reach the chain. The rules sit two above the flow priority (above the version-tagged
/// rules), match the access in-port (so no flow direction ever shares their match) and carry a
/// <see cref="BlockCookie"/>. A flow another alert names again while it is blocked costs nothing.
/// <para>A block ends when the IDS's <c>block_for</c> runs out (timer) or the operator lifts it
/// (<see cref="LiftBlocks"/>). Either way its slots leave the desired rule table at once — a resync from then on
/// does not bring the rules back — and the removal goes out as the next work. The rules of a block with a lifetime
/// also carry it as their hard timeout, so the switch drops them on time even while the controller is busy.</para>
/// </summary>
public sealed partial class FlowManagerActor
{
    private Dictionary<uint, int>? _hostByIpv4;
    /// <summary>Flows (one direction each) with a block in force or being lifted: an alert for them, or their reverse, adds nothing.</summary>
    private readonly HashSet<FunctionFlowTuple> _blockedFlows = new();
    private readonly Dictionary<long, FlowBlock> _blocks = new();
    private long _blockCount;
    private static readonly ImmutableArray<FlowAction> Drop = ImmutableArray<FlowAction>.Empty;

    private void InitBlocks()
    {
        Receive<BlockFlow>(m =>
        {
            // Both directions share the block: an alert on a reply of a blocked flow is the same block.
            var t = m.Tuple;
            if (_blockedFlows.Contains(t) || _blockedFlows.Contains(Reverse(t))) return;
            _blockedFlows.Add(t);
            if (m.Recovered is not null)
            {
                // A recovered block is claimed at once, before the recovered flows' install (the supervisor replays
                // blocks first): that install's commit carries its rules, so the switches' first desired-rules snapshot
                // already holds them and reconciling never removes a block the switches still enforce.
                _setup.Observer.OnEvent(MakeBlock(m));
                return;
            }
            Enqueue(new BlockWork(m, Stopwatch.GetTimestamp()));
        });
        Receive<RestoreBlockIds>(m => _blockCount = Math.Max(_blockCount, m.LastId));
        Receive<BlockExpired>(m =>
        {
            if (_blocks.TryGetValue(m.BlockId, out var b)) Lift(b, BlockLiftReasons.Expired);
        });
        Receive<LiftBlocks>(m =>
        {
            if (m.BlockId is { } id)
            {
                if (_blocks.TryGetValue(id, out var b)) Lift(b, BlockLiftReasons.Operator);
                else _log.Info("unblock {0}: no such block in force", id);
                return;
            }
            var all = new List<FlowBlock>(_blocks.Values);
            all.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            foreach (var b in all) Lift(b, BlockLiftReasons.Operator);
        });
    }

    private static FunctionFlowTuple Reverse(FunctionFlowTuple t) => new(t.Destination, t.Source, t.DestinationPort, t.SourcePort, t.Protocol);

    private FlowUpdate StartBlockWork(BlockWork w)
    {
        w.Outcome = MakeBlock(w.Block);
        return new FlowUpdate(w, CommitChanges(), default) { ComputedAt = _setup.Clock.Now };
    }

    /// <summary>Claims a block's drop rules (not committed: the caller's update, or the next one, sends them).</summary>
    private FlowBlocked MakeBlock(BlockFlow b)
    {
        var now = _setup.Clock.Now;
        var recovered = b.Recovered;
        var id = recovered?.Id ?? ++_blockCount;
        if (id > _blockCount) _blockCount = id;
        var lifetime = b.BlockFor is { } t && t > TimeSpan.Zero ? t : (TimeSpan?)null;
        // A recovered block keeps its start and end (and so its rules' hard timeout): the switches still hold those rules.
        var since = recovered?.Since ?? now;
        var expiresAt = recovered is not null ? recovered.ExpiresAt : lifetime is { } l ? now + l : null;
        var block = new FlowBlock(id, BlockCookie.Of(id), b, since, expiresAt);
        var switches = ImmutableArray.CreateBuilder<string>(2);
        var rules = ImmutableArray.CreateBuilder<string>(2);
        var src = HostOfIpv4(b.Tuple.Source);
        var dst = HostOfIpv4(b.Tuple.Destination);
        if (src >= 0) ClaimBlock(src, b.Tuple, block, switches, rules);
        if (dst >= 0) ClaimBlock(dst, Reverse(b.Tuple), block, switches, rules);
        block.Switches = switches.ToImmutable();
        var blocked = new FlowBlocked(now, b.FunctionId, b.SignatureId, b.Flow, block.Switches, rules.ToImmutable())
            { BlockId = id, Since = since, ExpiresAt = block.ExpiresAt };
        if (src < 0 && dst < 0)
        {
            blocked = blocked with { Reason = "neither address is a known host's: no ingress to block at" };
            _log.Warning("IDS '{0}' flow '{1}': {2}", b.FunctionId, b.Flow, blocked.Reason);
            // Nothing installed, nothing to lift: a later alert may try again.
            _blockedFlows.Remove(b.Tuple);
        }
        else
        {
            _log.Info("IDS '{0}' blocks flow '{1}' (signature '{2}') at {3} as block {4}{5}", b.FunctionId, b.Flow, b.SignatureId,
                string.Join(", ", switches), id, lifetime is { } d ? $" for {d.TotalMilliseconds} ms" : "");
            _blocks[id] = block;
            if (block.ExpiresAt is { } end)
            {
                var self = Self;
                var delay = end > now ? end - now : TimeSpan.Zero;
                block.Timer = _setup.Clock.Schedule(delay, () => self.Tell(new BlockExpired(id)));
            }
            if (recovered is null && _setup.Options.StateDirectory is not null)
                Context.Parent.Tell(new Persistence.RecordIntent(new Persistence.BlockMade(now.TotalMilliseconds, id, b.FunctionId, b.SignatureId, b.Flow,
                    b.Tuple, since.TotalMilliseconds, expiresAt?.TotalMilliseconds, lifetime?.TotalMilliseconds)));
        }
        return blocked;
    }

    /// <summary>
    /// Ends a block now: the desired state forgets its rules at once (so no resync re-installs them) and the removal
    /// is queued as work; the IDS forgets its own block when the operator lifted it (an expired one has already: it
    /// counts the same lifetime from the offending packet).
    /// </summary>
    private void Lift(FlowBlock b, string reason)
    {
        var now = _setup.Clock.Now;
        _blocks.Remove(b.Id);
        if (_setup.Options.StateDirectory is not null)
            Context.Parent.Tell(new Persistence.RecordIntent(new Persistence.BlockEnded(now.TotalMilliseconds, b.Id, reason)));
        b.Timer?.Cancel();
        b.Timer = null;
        foreach (var slot in b.Slots) _rules.Release(slot);
        if (reason == BlockLiftReasons.Operator) Context.Parent.Tell(new LiftFunctionBlock(b.Source.FunctionId, b.Source.Tuple));
        _log.Info("block {0} of flow '{1}' lifted ({2})", b.Id, b.Source.Flow, reason);
        _setup.Metrics.Nfv.RecordBlockLifted(reason);
        TraceBlockLifted(now, b, reason);
        Enqueue(new UnblockWork(b, reason, now, Stopwatch.GetTimestamp()));
    }

    private FlowUpdate StartUnblockWork(UnblockWork w)
    {
        var b = w.Block;
        var changes = CommitChanges();
        // Only now may the flow be blocked anew: a new claim of the same rules before the removal was committed
        // would be taken for the old rule still in force.
        _blockedFlows.Remove(b.Source.Tuple);
        w.Outcome = new FlowUnblocked(_setup.Clock.Now, b.Id, b.Source.FunctionId, b.Source.SignatureId, b.Source.Flow, w.Reason, b.Switches)
            { LiftedAt = w.LiftedAt };
        return new FlowUpdate(w, changes, default) { ComputedAt = _setup.Clock.Now };
    }

    /// <summary>The end of a block as an instant root span with one span event, like an IDS alert's <c>nfv.alert</c>.</summary>
    private static void TraceBlockLifted(TimeSpan now, FlowBlock b, string reason)
    {
        using var span = ControllerTelemetry.StartRoot(NfvTelemetry.BlockLifted);
        if (span is null) return;
        span.SetTag(NfvTelemetry.FunctionId, b.Source.FunctionId);
        span.SetTag(NfvTelemetry.BlockId, b.Id);
        span.SetTag(NfvTelemetry.BlockReason, reason);
        span.SetTag(ControllerTelemetry.VirtualStartMs, now.TotalMilliseconds);
        span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        span.AddEvent(new ActivityEvent(NfvTelemetry.BlockLiftedEvent, tags: new ActivityTagsCollection
        {
            { NfvTelemetry.FunctionId, b.Source.FunctionId },
            { NfvTelemetry.Signature, b.Source.SignatureId },
            { NfvTelemetry.Flow, b.Source.Flow },
            { NfvTelemetry.BlockId, b.Id },
            { NfvTelemetry.BlockReason, reason },
            { NfvTelemetry.BlockDurationMs, (now - b.Since).TotalMilliseconds },
        }));
    }

    /// <summary>A drop rule for packets of <paramref name="t"/> entering from host <paramref name="host"/>'s access port.</summary>
    private void ClaimBlock(int host, FunctionFlowTuple t, FlowBlock block, ImmutableArray<string>.Builder switches, ImmutableArray<string>.Builder rules)
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
        // The lifetime as the rule's hard timeout: the switch removes it on time even if the controller's own
        // removal is late (it counts from the install, so it never ends a block before the controller does).
        var hard = block.ExpiresAt is { } end ? end - block.Since : TimeSpan.Zero;
        block.Slots.Add(_rules.Claim(sw, _rules.InternMatch(match), match, block.Cookie, Drop, _planner.Priority + 2, hard));
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
