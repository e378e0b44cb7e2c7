using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Headers;
using SdnController.VirtualNetwork.Packets;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// One OpenFlow-1.3-like switch with a single flow table (table 0) and a group table. Data plane
/// (<see cref="Receive"/>) and control plane (<see cref="Handle"/>) are synchronous: results go to the
/// <see cref="ISwitchOutput"/> before the call returns, so a message handled before a barrier has taken effect
/// when the barrier is answered. Single-threaded: the fabric calls it from its event loop only.
/// Table-miss drops (no packet-in); a rule with a controller action sends one.
/// </summary>
public sealed class VirtualSwitch
{
    private readonly SwitchPorts _ports;
    private readonly ActionExecutor _executor;
    private readonly RuleValidator _validator;

    public VirtualSwitch(int index, string name, ulong dpid, IReadOnlyList<PortDescription> ports)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(ports);
        Index = index;
        Name = name;
        Dpid = dpid;
        _ports = new SwitchPorts(ports);
        _executor = new ActionExecutor(_ports, Groups, HashSeedOf(dpid));
        _validator = new RuleValidator(name, _ports, Groups);
    }

    /// <summary>Index of the switch in topology order (what <see cref="Packet.RecordHop"/> records).</summary>
    public int Index { get; }
    public string Name { get; }
    public ulong Dpid { get; }
    /// <summary>Current port descriptions; LinkUp follows <see cref="SetPortLive"/>.</summary>
    public IReadOnlyList<PortDescription> Ports => _ports.ReadOnly;
    public FlowTable Flows { get; } = new();
    public GroupTable Groups { get; } = new();

    public bool IsPortLive(int port)
    {
        var slot = _ports.SlotOf(port);
        return slot >= 0 && _ports.IsLive(slot);
    }

    /// <summary>A frame arrives on <paramref name="inPort"/>: look it up in table 0 and apply the winning rule's actions.</summary>
    public void Receive(Packet packet, int inPort, TimeSpan now, ISwitchOutput output)
    {
        var slot = _ports.SlotOf(inPort);
        if (slot < 0) throw new ArgumentOutOfRangeException(nameof(inPort), inPort, $"Switch {Name} has no port {inPort}.");
        packet.RecordHop(Index);
        if (packet.HopCount > Packet.HopLimit)
        {
            output.Dropped(packet, DropReason.HopLimit);
            return;
        }
        if (!_ports.IsLive(slot))
        {
            output.Dropped(packet, DropReason.PortDown);
            return;
        }
        var frame = packet.Frame;
        _ports.CountRx(slot, frame.Length);
        if (!PacketHeaders.TryParse(frame, out var headers))
        {
            output.Dropped(packet, DropReason.Malformed);
            return;
        }
        var entry = Flows.Lookup(headers, inPort);
        if (entry is null)
        {
            output.Dropped(packet, DropReason.NoMatchingRule);
            return;
        }
        entry.Hit(frame.Length, now);
        var rule = entry.Rule;
        if (packet.RecordsRules) packet.RecordRule(rule.Cookie, FlowEntry.VersionOf(rule));
        Executor().Execute(rule.Actions, packet, headers, inPort, rule.Cookie, output);
    }

    /// <summary>One control-channel message, fully applied before returning (replies and errors go to output).</summary>
    public void Handle(ControllerMessage message, TimeSpan now, ISwitchOutput output)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case FeaturesRequest m:
                output.ToController(new FeaturesReply(m.Xid, Dpid, [.. _ports.ReadOnly]));
                break;
            case FlowMod m:
                HandleFlowMod(m, now, output);
                break;
            case GroupMod m:
                HandleGroupMod(m, now, output);
                break;
            case BarrierRequest m:
                output.ToController(new BarrierReply(m.Xid));
                break;
            case FlowStatsRequest m:
                output.ToController(FlowStats(m, now));
                break;
            case GroupDescRequest m:
                output.ToController(new GroupDescReply(m.Xid, [.. Groups.Snapshot()]));
                break;
            case PortStatsRequest m:
                var stats = ImmutableArray.CreateBuilder<PortStats>(_ports.Count);
                for (var slot = 0; slot < _ports.Count; slot++) stats.Add(_ports.Stats(slot));
                output.ToController(new PortStatsReply(m.Xid, stats.MoveToImmutable()));
                break;
            case EchoRequest m:
                output.ToController(new EchoReply(m.Xid));
                break;
            case PacketOut m:
                HandlePacketOut(m, now, output);
                break;
            default:
                output.ToController(new ErrorReply(message.Xid, SouthboundErrorCode.BadRequest,
                    $"{Name} does not understand {message.GetType().Name}"));
                break;
        }
    }

    /// <summary>Carrier change on a port; a PortStatus(Modify) goes to the controller when asked and the state changed.</summary>
    public void SetPortLive(int port, bool live, bool notifyController, ISwitchOutput output)
    {
        var slot = _ports.SlotOf(port);
        if (slot < 0) throw new ArgumentOutOfRangeException(nameof(port), port, $"Switch {Name} has no port {port}.");
        var changed = _ports.SetLive(slot, live);
        if (changed is not null && notifyController) output.ToController(new PortStatus(PortStatusReason.Modify, changed));
    }

    /// <summary>
    /// The earliest idle/hard-timeout deadline of any entry; null when nothing can expire. Packets only move
    /// deadlines later, so a timer set from this value never fires late: re-read it after <see cref="Handle"/> and
    /// <see cref="Expire"/>, not after every packet (it scans the entries that have timeouts).
    /// </summary>
    public TimeSpan? NextExpiry => Flows.NextExpiry;

    /// <summary>Remove the entries whose timeout fired by <paramref name="now"/>, with FlowRemoved where asked.</summary>
    public void Expire(TimeSpan now, ISwitchOutput output)
    {
        foreach (var (entry, hard) in Flows.RemoveExpired(now))
            NotifyRemoved(entry, hard ? FlowRemovedReason.HardTimeout : FlowRemovedReason.IdleTimeout, now, output);
    }

    /// <summary>Power cycle: flow and group tables empty, port counters zero. Port link state is the fabric's.</summary>
    public void Reset()
    {
        Flows.Clear();
        Groups.Clear();
        _ports.ResetCounters();
    }

    public override string ToString() => $"{Name} (dpid {Dpid:x16}, {Flows.Count} flows, {Groups.Count} groups)";

    private void HandleFlowMod(FlowMod m, TimeSpan now, ISwitchOutput output)
    {
        if (m.Rule?.Match is null)
        {
            Error(m, SouthboundErrorCode.BadRequest, "flow-mod without a rule or match", output);
            return;
        }
        switch (m.Command)
        {
            case FlowModCommand.Add:
            case FlowModCommand.ModifyStrict:
                if (_validator.CheckRule(m.Rule) is { } problem)
                {
                    Error(m, problem.Code, problem.Text, output);
                    return;
                }
                if (m.Command == FlowModCommand.Add || Flows.ModifyStrict(m.Rule) is null) Flows.Add(m.Rule, now, out _);
                break;
            case FlowModCommand.Delete:
                foreach (var removed in Flows.Delete(m.Rule.Cookie, m.CookieMask))
                    NotifyRemoved(removed, FlowRemovedReason.Delete, now, output);
                break;
            case FlowModCommand.DeleteStrict:
                if (Flows.DeleteStrict(m.Rule.Priority, m.Rule.Match, m.Rule.Cookie, m.CookieMask) is { } entry)
                    NotifyRemoved(entry, FlowRemovedReason.Delete, now, output);
                break;
            default:
                Error(m, SouthboundErrorCode.BadRequest, $"unknown flow-mod command {m.Command}", output);
                break;
        }
    }

    private void HandleGroupMod(GroupMod m, TimeSpan now, ISwitchOutput output)
    {
        if (m.Group is null)
        {
            Error(m, SouthboundErrorCode.BadRequest, "group-mod without a group", output);
            return;
        }
        var id = m.Group.GroupId;
        var exists = Groups.Contains(id);
        switch (m.Command)
        {
            case GroupModCommand.Add when exists:
                Error(m, SouthboundErrorCode.GroupExists, $"group {id} already exists on {Name}", output);
                return;
            case GroupModCommand.Modify or GroupModCommand.Delete when !exists:
                Error(m, SouthboundErrorCode.UnknownGroup, $"group {id} does not exist on {Name}", output);
                return;
            case GroupModCommand.Add or GroupModCommand.Modify:
                if (_validator.CheckGroup(m.Group) is { } problem)
                {
                    Error(m, problem.Code, problem.Text, output);
                    return;
                }
                Groups.Set(m.Group);
                return;
            case GroupModCommand.Delete:
                Groups.Remove(id);
                // OpenFlow removes the flow entries that forward to a deleted group.
                foreach (var removed in Flows.RemoveWhere(e => ForwardsToGroup(e.Rule.Actions, id)))
                    NotifyRemoved(removed, FlowRemovedReason.GroupDelete, now, output);
                return;
            default:
                Error(m, SouthboundErrorCode.BadRequest, $"unknown group-mod command {m.Command}", output);
                return;
        }
    }

    private void HandlePacketOut(PacketOut m, TimeSpan now, ISwitchOutput output)
    {
        if (_validator.CheckPacketOut(m) is { } problem)
        {
            Error(m, problem.Code, problem.Text, output);
            return;
        }
        var packet = new Packet(m.Xid, m.Frame.ToArray(), now);
        packet.RecordHop(Index);
        // A frame the controller built is sent even if we cannot parse it; rewrites then have nothing to act on.
        PacketHeaders.TryParse(packet.Frame, out var headers);
        Executor().Execute(m.Actions, packet, headers, m.InPort, cookie: 0, output);
    }

    /// <summary>The reusable executor, or a fresh one when an output callback re-entered the switch mid-packet.</summary>
    private ActionExecutor Executor() => _executor.Busy ? new ActionExecutor(_ports, Groups, HashSeedOf(Dpid)) : _executor;

    /// <summary>The switch's select-group hash seed (see <see cref="ActionExecutor"/>): a mix of its dpid, so runs repeat exactly.</summary>
    private static ulong HashSeedOf(ulong dpid)
    {
        var x = (dpid + 1) * 0xBF58_476D_1CE4_E5B9UL;
        return x ^ (x >> 31);
    }

    private FlowStatsReply FlowStats(FlowStatsRequest m, TimeSpan now)
    {
        var flows = ImmutableArray.CreateBuilder<FlowStats>();
        foreach (var e in Flows.Snapshot())
        {
            if ((e.Rule.Cookie & m.CookieMask) != (m.Cookie & m.CookieMask)) continue;
            flows.Add(new FlowStats(e.Rule, e.Packets, e.Bytes, now - e.InstalledAt));
        }
        return new FlowStatsReply(m.Xid, flows.ToImmutable());
    }

    private static void NotifyRemoved(FlowEntry entry, FlowRemovedReason reason, TimeSpan now, ISwitchOutput output)
    {
        if (!entry.Rule.NotifyOnRemoval) return;
        output.ToController(new FlowRemoved(entry.Rule, reason, entry.Packets, entry.Bytes, now - entry.InstalledAt));
    }

    private static bool ForwardsToGroup(ImmutableArray<FlowAction> actions, uint groupId)
    {
        if (actions.IsDefaultOrEmpty) return false;
        foreach (var a in actions)
            if (a is GroupAction g && g.GroupId == groupId) return true;
        return false;
    }

    private static void Error(ControllerMessage m, SouthboundErrorCode code, string text, ISwitchOutput output) =>
        output.ToController(new ErrorReply(m.Xid, code, text));
}
