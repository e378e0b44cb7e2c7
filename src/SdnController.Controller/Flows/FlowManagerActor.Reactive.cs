using System.Collections.Immutable;
using System.Diagnostics;
using SdnController.Controller.Messages;

namespace SdnController.Controller.Flows;

/// <summary>Reactive routing: packet-ins open flows; their first packets are held until the rules are confirmed, then released.</summary>
public sealed partial class FlowManagerActor
{
    // ---- reactive routing: flows opened by packet-ins -------------------------------------------

    private void OnReactivePacketIn(ReactivePacketIn m)
    {
        var sw = m.SwitchIndex >= 0 && m.SwitchIndex < _topology.Switches.Count && _topology.Switches[m.SwitchIndex].Id == m.SwitchId
            ? m.SwitchIndex
            : _topology.IndexOfSwitch(m.SwitchId);
        if (_reactive is null || sw < 0) return;
        var outcome = _reactive.Accept(m, sw, out var established, out var packet);
        if (outcome == ReactiveSetup.Outcome.Established)
        {
            // Sent before its flow's rules were in, it missed them somewhere: it goes on along the path.
            var late = new Dictionary<int, ImmutableArray<PacketToRelease>.Builder>(1);
            if (AddRelease(established, packet, late)) SendReleased(late);
            else _reactive.CountDropped(1);
            return;
        }
        if (_reactive.PendingCount == 0 || _reactive.WorkQueued) return;
        _reactive.WorkQueued = true;
        Enqueue(new ReactiveWork(Stopwatch.GetTimestamp()));
    }

    private FlowUpdate StartReactive(ReactiveWork w)
    {
        _reactive!.WorkQueued = false;
        w.Batch = _reactive.TakePending();
        var created = new List<FlowRecord>(w.Batch.Count);
        var reachable = true;
        foreach (var e in w.Batch)
        {
            // A flow may exist already (an ICMP connectivity flow named the other way round, a flow reopened).
            if ((e.Flow = FindFlow(e.Spec)) is not null) continue;
            e.Flow = CreateFlow(e.Spec, e.SourceHost, e.DestinationHost);
            if (e.Flow is null) reachable = false;
            else created.Add(e.Flow);
        }
        return InstallCreated(w, created, reachable);
    }

    /// <summary>The flow already made for this spec, if any. Flows with a reactive id are made once per flow key and never listed by id.</summary>
    private FlowRecord? FindFlow(FlowSpec spec) =>
        !spec.HasReactiveId && (_flowsById.TryGetValue(spec.Id, out var f) || (ReactiveSetup.ReversedId(spec) is { } other && _flowsById.TryGetValue(other, out f))) ? f : null;

    /// <summary>The batch's rules are confirmed: its held packets go on from where they reached the controller.</summary>
    private int FinishReactive(ReactiveWork w)
    {
        var reactive = _reactive!;
        // Sized per switch up front (the packets held there): builders grown by doubling and then copied were
        // about 120 bytes of garbage per released packet.
        var held = new int[_topology.Switches.Count];
        foreach (var e in w.Batch)
        {
            if (e.HeldCount > 0) held[e.First.SwitchIndex]++;
            if (e.More is { } more)
                foreach (var p in more) held[p.SwitchIndex]++;
        }
        var bySwitch = new Dictionary<int, ImmutableArray<PacketToRelease>.Builder>();
        for (var sw = 0; sw < held.Length; sw++)
            if (held[sw] > 0) bySwitch[sw] = ImmutableArray.CreateBuilder<PacketToRelease>(held[sw]);
        var released = 0;
        foreach (var e in w.Batch)
        {
            var flow = e.Flow ?? FindFlow(e.Spec);
            var sent = 0;
            if (e.HeldCount > 0 && AddRelease(flow, e.First, bySwitch)) sent++;
            if (e.More is { } more)
                foreach (var p in more)
                    if (AddRelease(flow, p, bySwitch)) sent++;
            reactive.CountDropped(e.HeldCount - sent);
            released += sent;
            reactive.Installed(e);
        }
        SendReleased(bySwitch);
        return released;
    }

    /// <summary>Adds the packet-out that sends the packet on along its flow's path; false when it has no way on (no path, or its switch is not on it).</summary>
    private bool AddRelease(FlowRecord? flow, in ReactiveSetup.HeldPacket p, Dictionary<int, ImmutableArray<PacketToRelease>.Builder> bySwitch)
    {
        if (flow?.Path is not { } path) return false;
        var k = IndexOfSwitch(path, p.SwitchIndex);
        // Forward unless the packet came from the flow's destination (the reply direction of an ICMP flow).
        var forward = p.SourceHost != flow.DstHost;
        if (k < 0 || (!forward && flow.Reverse is null)) return false;
        var actions = _planner.ActionsFor(p.InPort, forward ? path.OutPorts[k] : path.InPorts[k]);
        if (!bySwitch.TryGetValue(p.SwitchIndex, out var list)) bySwitch[p.SwitchIndex] = list = ImmutableArray.CreateBuilder<PacketToRelease>();
        list.Add(new PacketToRelease(p.Frame, p.InPort, actions));
        return true;
    }

    private void SendReleased(Dictionary<int, ImmutableArray<PacketToRelease>.Builder> bySwitch)
    {
        foreach (var (sw, list) in bySwitch)
            if (list.Count == 0) continue;
            else if (_switches[sw] is { } actor && !_disconnected.Contains(sw)) actor.Tell(new ReleasePackets(list.DrainToImmutable()), Self);
            else _reactive!.CountDropped(list.Count);
    }
}
