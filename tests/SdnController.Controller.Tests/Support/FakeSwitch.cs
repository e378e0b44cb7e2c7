using System.Collections.Immutable;
using SdnController.Controller.Switches;
using SdnController.Southbound;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Tests.Support;

/// <summary>
/// A switch as the controller sees it through the southbound: records every message it gets, keeps a flow
/// table for FlowMods, answers features, barrier and flow-stats requests, and lets the test inject events,
/// power it off (table lost, channel down) and on again. Replies are posted to the loop, never re-entrant.
/// </summary>
public sealed class FakeSwitch
{
    private readonly TestLoop _loop;
    private Channel? _channel;

    public FakeSwitch(string id, ulong dpid, ImmutableArray<PortDescription> ports, TestLoop loop)
    {
        Id = id;
        Dpid = dpid;
        Ports = ports;
        _loop = loop;
    }

    public string Id { get; }
    public ulong Dpid { get; }
    public ImmutableArray<PortDescription> Ports { get; }
    public Dictionary<RuleKey, FlowRule> Table { get; } = new();
    /// <summary>Groups by id, kept from GroupMods (lost with the power, like the table).</summary>
    public Dictionary<uint, GroupEntry> Groups { get; } = new();
    /// <summary>Every message received, over every channel, in order.</summary>
    public List<ControllerMessage> Received { get; } = new();
    public int OpenCount { get; private set; }
    public int DisposeCount { get; private set; }
    public bool Powered { get; private set; } = true;
    /// <summary>When false, barrier requests get no reply (a slow switch).</summary>
    public bool AnswerBarriers { get; set; } = true;

    /// <summary>Called for every packet-out while powered (the fake southbound uses it to carry probes across links).</summary>
    public Action<FakeSwitch, PacketOut>? OnPacketOut { get; set; }

    public IEnumerable<FlowMod> FlowMods => Received.OfType<FlowMod>();
    public IEnumerable<GroupMod> GroupMods => Received.OfType<GroupMod>();
    public IEnumerable<PacketOut> PacketOuts => Received.OfType<PacketOut>();

    public void Install(FlowRule rule) => Table[RuleKey.Of(rule)] = rule;

    internal ISwitchChannel Open(ISwitchMessageSink sink)
    {
        OpenCount++;
        _channel = new Channel(this, sink);
        if (Powered) Deliver(new ChannelStateChanged(true));
        return _channel;
    }

    /// <summary>Send a message to the controller on the current channel (posted to the loop).</summary>
    public void Deliver(SwitchMessage message)
    {
        var channel = _channel;
        if (channel is null) return;
        _loop.Post(_ => { if (!channel.Disposed) channel.Sink.Receive(message); }, null);
    }

    public void PowerOff()
    {
        Powered = false;
        Table.Clear();
        Groups.Clear();
        Deliver(new ChannelStateChanged(false));
    }

    public void PowerOn()
    {
        Powered = true;
        Deliver(new ChannelStateChanged(true));
    }

    private void Handle(ControllerMessage m)
    {
        Received.Add(m);
        if (!Powered) return;
        switch (m)
        {
            case FeaturesRequest f:
                Deliver(new FeaturesReply(f.Xid, Dpid, Ports));
                break;
            case FlowMod { Command: FlowModCommand.Add or FlowModCommand.ModifyStrict } add:
                Table[RuleKey.Of(add.Rule)] = add.Rule;
                break;
            case FlowMod { Command: FlowModCommand.DeleteStrict } del:
                if (Table.TryGetValue(RuleKey.Of(del.Rule), out var have) && (have.Cookie & del.CookieMask) == (del.Rule.Cookie & del.CookieMask))
                    Table.Remove(RuleKey.Of(del.Rule));
                break;
            case FlowMod { Command: FlowModCommand.Delete } delAll:
                foreach (var key in Table.Where(kv => (kv.Value.Cookie & delAll.CookieMask) == (delAll.Rule.Cookie & delAll.CookieMask)).Select(kv => kv.Key).ToList())
                    Table.Remove(key);
                break;
            case GroupMod { Command: GroupModCommand.Add or GroupModCommand.Modify } g:
                Groups[g.Group.GroupId] = g.Group;
                break;
            case GroupMod { Command: GroupModCommand.Delete } g:
                Groups.Remove(g.Group.GroupId);
                break;
            case GroupDescRequest g:
                Deliver(new GroupDescReply(g.Xid, [.. Groups.Values.OrderBy(x => x.GroupId)]));
                break;
            case BarrierRequest b when AnswerBarriers:
                Deliver(new BarrierReply(b.Xid));
                break;
            case PacketOut p:
                OnPacketOut?.Invoke(this, p);
                break;
            case FlowStatsRequest s:
                Deliver(new FlowStatsReply(s.Xid, Table.Values.Select(r => new FlowStats(r, 0, 0, TimeSpan.Zero)).ToImmutableArray()));
                break;
        }
    }

    private sealed class Channel(FakeSwitch owner, ISwitchMessageSink sink) : ISwitchChannel
    {
        public ISwitchMessageSink Sink { get; } = sink;
        public bool Disposed { get; private set; }
        public ulong Dpid => owner.Dpid;

        public void Send(ControllerMessage message)
        {
            if (!Disposed) owner.Handle(message);
        }

        public void Send(IReadOnlyList<ControllerMessage> messages)
        {
            foreach (var m in messages) Send(m);
        }

        public void Dispose()
        {
            if (Disposed) return;
            Disposed = true;
            owner.DisposeCount++;
        }
    }

    internal static MacAddress PortMac(ulong dpid, int port) => new(0x0A_0000_0000_00UL | (dpid << 16) | (uint)port);
}
