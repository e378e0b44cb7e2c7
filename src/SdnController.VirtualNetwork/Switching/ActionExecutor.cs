using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Headers;
using SdnController.VirtualNetwork.Packets;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// Applies an action list to one packet, OpenFlow apply-actions style, in list order.
///
/// Copies: an output is held back ("pending") until we know whether the packet object is used again. A later
/// output or rewrite of the same object sends the pending output as a <see cref="Packet.Copy"/>; when the object's
/// processing ends, the pending output takes the object itself. So a single output never copies and n outputs make
/// n-1 copies, and nothing transmitted is ever modified afterwards. Transmits and packet-ins still reach the output
/// in action order.
///
/// Fate: each executed packet ends with at least one transmit or packet-in, or exactly one Dropped call (with the
/// first failure seen: port down, no live bucket, drop action) — the fabric can account every packet once.
/// One instance per switch, reused (no per-packet allocation). Not re-entrant: while <see cref="Busy"/> (an output
/// callback re-entering the switch synchronously), the switch uses a fresh executor.
/// </summary>
internal sealed class ActionExecutor
{
    private const int MaxGroupDepth = 8;

    private readonly SwitchPorts _ports;
    private readonly GroupTable _groups;

    private ISwitchOutput _output = null!;
    private int _inPort;
    private ulong _cookie;
    private bool _emitted;
    private bool _failed;
    private DropReason _failure;
    private Packet? _pending;
    private int _pendingPort;
    private int _pendingSlot;

    /// <param name="hashSeed">
    /// Mixed into the flow hash of select groups. Switches seed it differently (as hardware does): with one hash
    /// everywhere a flow's choice at one switch would decide its choice at the next (hash polarisation), and on a
    /// fat-tree the flows an edge switch sends to one aggregation switch would all take the same core.
    /// </param>
    public ActionExecutor(SwitchPorts ports, GroupTable groups, ulong hashSeed = 0)
    {
        _ports = ports;
        _groups = groups;
        _hashSeed = hashSeed;
    }

    private readonly ulong _hashSeed;

    public bool Busy { get; private set; }

    public void Execute(ImmutableArray<FlowAction> actions, Packet packet, in PacketHeaders headers, int inPort, ulong cookie,
        ISwitchOutput output)
    {
        Busy = true;
        _output = output;
        _inPort = inPort;
        _cookie = cookie;
        _emitted = false;
        _failed = false;
        _pending = null;
        try
        {
            var h = headers;
            RunList(actions, packet, ref h, 0);
            if (ReferenceEquals(_pending, packet)) FlushPending(asCopy: false);
            if (!_emitted) output.Dropped(packet, _failed ? _failure : DropReason.DropAction);
        }
        finally
        {
            _pending = null;
            _output = null!;
            Busy = false;
        }
    }

    private void RunList(ImmutableArray<FlowAction> actions, Packet packet, ref PacketHeaders h, int depth)
    {
        if (actions.IsDefaultOrEmpty) return;
        for (var i = 0; i < actions.Length; i++)
        {
            switch (actions[i])
            {
                case OutputAction output:
                    Output(output.Port, packet);
                    break;
                case GroupAction group:
                    RunGroup(group.GroupId, packet, ref h, depth, tail: i == actions.Length - 1);
                    break;
                case PushVlanAction push:
                    if (!h.IsEthernet) break;
                    BeforeModify(packet);
                    packet.Frame = FrameRewriter.PushVlan(packet.Frame, push.VlanId);
                    PacketHeaders.TryParse(packet.Frame, out h);
                    break;
                case PopVlanAction:
                    if (!h.HasVlan) break;
                    BeforeModify(packet);
                    packet.Frame = FrameRewriter.PopVlan(packet.Frame, h);
                    PacketHeaders.TryParse(packet.Frame, out h);
                    break;
                case SetFieldAction set:
                    if (!h.IsEthernet) break;
                    BeforeModify(packet);
                    SetField(set, packet.Frame, h);
                    PacketHeaders.TryParse(packet.Frame, out h);
                    break;
                case ToControllerAction:
                    // Keep events in action order: a held-back output goes first (as a copy, the packet lives on).
                    if (_pending is not null) FlushPending(asCopy: true);
                    _emitted = true;
                    _output.ToController(new PacketIn(packet.Frame.AsSpan().ToArray(), _inPort, PacketInReason.Action) { Cookie = _cookie });
                    break;
                case DropAction:
                    Fail(DropReason.DropAction);
                    return;
            }
        }
    }

    private static void SetField(SetFieldAction set, byte[] frame, in PacketHeaders h)
    {
        switch (set.Field)
        {
            case Southbound.Actions.SetField.EthSrc: FrameRewriter.SetEthSrc(frame, new MacAddress(set.Value & MacAddress.Mask48)); break;
            case Southbound.Actions.SetField.EthDst: FrameRewriter.SetEthDst(frame, new MacAddress(set.Value & MacAddress.Mask48)); break;
            case Southbound.Actions.SetField.VlanId: FrameRewriter.SetVlanId(frame, h, (ushort)set.Value); break;
            case Southbound.Actions.SetField.Ipv4Src: FrameRewriter.SetIpv4Src(frame, h, (uint)set.Value); break;
            case Southbound.Actions.SetField.Ipv4Dst: FrameRewriter.SetIpv4Dst(frame, h, (uint)set.Value); break;
            case Southbound.Actions.SetField.IpDscp: FrameRewriter.SetDscp(frame, h, (byte)set.Value); break;
            case Southbound.Actions.SetField.L4Src: FrameRewriter.SetL4Src(frame, h, (ushort)set.Value); break;
            case Southbound.Actions.SetField.L4Dst: FrameRewriter.SetL4Dst(frame, h, (ushort)set.Value); break;
        }
    }

    private void Output(int port, Packet packet)
    {
        int target;
        if (port == PortNumbers.InPort) target = _inPort;
        else if (port == _inPort)
        {
            // OpenFlow never reflects a packet to its ingress port unless the action says IN_PORT.
            Fail(DropReason.DropAction);
            return;
        }
        else target = port;

        var slot = _ports.SlotOf(target);
        if (slot < 0)
        {
            Fail(DropReason.PortDown); // e.g. IN_PORT for a packet-out injected with no ingress port
            return;
        }
        if (!_ports.IsLive(slot))
        {
            _ports.CountTxDropped(slot);
            Fail(DropReason.PortDown);
            return;
        }
        if (_pending is not null) FlushPending(asCopy: true);
        _pending = packet;
        _pendingPort = target;
        _pendingSlot = slot;
        _emitted = true;
    }

    private void BeforeModify(Packet packet)
    {
        if (ReferenceEquals(_pending, packet)) FlushPending(asCopy: true);
    }

    private void FlushPending(bool asCopy)
    {
        var packet = asCopy ? _pending!.Copy() : _pending!;
        _pending = null;
        _ports.CountTx(_pendingSlot, packet.Frame.Length);
        _output.Transmit(_pendingPort, packet);
    }

    private void Fail(DropReason reason)
    {
        if (_failed) return;
        _failed = true;
        _failure = reason;
    }

    private void RunGroup(uint groupId, Packet packet, ref PacketHeaders h, int depth, bool tail)
    {
        var group = depth < MaxGroupDepth ? _groups.Find(groupId) : null;
        var buckets = group?.Buckets ?? ImmutableArray<Bucket>.Empty;
        if (group is null || buckets.IsDefaultOrEmpty)
        {
            Fail(DropReason.NoLiveBucket);
            return;
        }
        switch (group.Type)
        {
            case GroupType.All:
                for (var b = 0; b < buckets.Length; b++)
                    RunBucket(buckets[b], packet, h, depth, owned: !(tail && b == buckets.Length - 1));
                return;
            case GroupType.Indirect:
                RunBucket(buckets[0], packet, h, depth, owned: !tail);
                return;
            case GroupType.FastFailover:
                for (var b = 0; b < buckets.Length; b++)
                {
                    if (!IsWatchLive(buckets[b].WatchPort)) continue;
                    RunBucket(buckets[b], packet, h, depth, owned: !tail);
                    return;
                }
                Fail(DropReason.NoLiveBucket);
                return;
            case GroupType.Select:
                var chosen = SelectBucket(buckets, h.FlowHash());
                if (chosen < 0) Fail(DropReason.NoLiveBucket);
                else RunBucket(buckets[chosen], packet, h, depth, owned: !tail);
                return;
        }
    }

    /// <summary>
    /// Run a bucket on its own copy of the packet (<paramref name="owned"/>), or on the packet itself when the group
    /// is the last thing the caller does with it (the caller then flushes its pending output).
    /// </summary>
    private void RunBucket(Bucket bucket, Packet packet, PacketHeaders h, int depth, bool owned)
    {
        var branch = owned ? packet.Copy() : packet;
        RunList(bucket.Actions, branch, ref h, depth + 1);
        if (owned && ReferenceEquals(_pending, branch)) FlushPending(asCopy: false);
    }

    private bool IsWatchLive(int watchPort)
    {
        if (watchPort == PortNumbers.Any) return true;
        var slot = _ports.SlotOf(watchPort);
        return slot >= 0 && _ports.IsLive(slot);
    }

    /// <summary>
    /// Weighted rendezvous hashing over the live buckets: each flow goes to the bucket with the best score, so a
    /// flow sticks to its bucket, and when a bucket dies only that bucket's flows move (no modulo reshuffle).
    /// </summary>
    internal int SelectBucket(ImmutableArray<Bucket> buckets, ulong flowHash)
    {
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var b = 0; b < buckets.Length; b++)
        {
            var bucket = buckets[b];
            if (bucket.Weight <= 0 || !IsWatchLive(bucket.WatchPort)) continue;
            var x = PacketHeaders.Finish(flowHash ^ _hashSeed ^ ((ulong)(b + 1) * 0x9E37_79B9_7F4A_7C15UL));
            var u = ((x >> 11) + 0.5) * (1.0 / (1UL << 53)); // uniform in (0, 1)
            var score = bucket.Weight / -Math.Log(u);
            if (score > bestScore)
            {
                bestScore = score;
                best = b;
            }
        }
        return best;
    }
}
