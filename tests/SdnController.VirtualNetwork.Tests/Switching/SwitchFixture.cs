using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary>A switch with ports 1..n (all up) and helpers to install rules and send frames through it.</summary>
internal sealed class SwitchFixture
{
    private long _nextPacketId = 1;
    private uint _nextXid = 100;

    public SwitchFixture(int ports = 4, int index = 3)
    {
        var descriptions = Enumerable.Range(1, ports)
            .Select(p => new PortDescription(p, new MacAddress(0x0200_0000_0100UL + (ulong)p), $"s1-eth{p}", true))
            .ToList();
        Switch = new VirtualSwitch(index, "s1", 0xABCDUL, descriptions);
    }

    public VirtualSwitch Switch { get; }
    public RecordingOutput Output { get; } = new();
    public TimeSpan Now { get; set; }

    public static ImmutableArray<FlowAction> Actions(params FlowAction[] actions) => [.. actions];
    public static FlowAction Out(int port) => new OutputAction(port);

    public void Send(ControllerMessage message) => Switch.Handle(message, Now, Output);

    public uint Xid() => _nextXid++;

    public FlowRule Install(int priority, Match match, params FlowAction[] actions) =>
        Install(new FlowRule(priority, match, [.. actions]));

    public FlowRule Install(FlowRule rule)
    {
        var before = Output.Messages.Count;
        Send(new FlowMod(Xid(), FlowModCommand.Add, rule));
        Assert.That(Output.Messages.Skip(before).OfType<ErrorReply>(), Is.Empty, "install failed");
        return rule;
    }

    public void AddGroup(uint id, GroupType type, params Bucket[] buckets)
    {
        var before = Output.Messages.Count;
        Send(new GroupMod(Xid(), GroupModCommand.Add, new GroupEntry(id, type, [.. buckets])));
        Assert.That(Output.Messages.Skip(before).OfType<ErrorReply>(), Is.Empty, "group add failed");
    }

    public static Bucket Bucket(params FlowAction[] actions) => new([.. actions]);

    public Packet Receive(byte[] frame, int inPort)
    {
        var packet = new Packet(_nextPacketId++, frame, Now);
        Switch.Receive(packet, inPort, Now, Output);
        return packet;
    }
}
