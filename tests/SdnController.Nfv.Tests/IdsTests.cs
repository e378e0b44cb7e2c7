using SdnController.Nfv.Functions;
using SdnController.Nfv.Ids;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;
using static SdnController.Nfv.Tests.Frames;

namespace SdnController.Nfv.Tests;

public class IdsTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1);

    private static IdsFunction Ids(bool block, TimeSpan? blockFor = null)
    {
        var ids = new IdsFunction("ids1");
        ids.Configure(1, new IdsConfig(block, new[]
        {
            new IdsSignature("sqli", "' OR 1=1"u8.ToArray()) { Protocol = TransportProtocol.Tcp, DestinationPorts = PortRange.Single(80) },
            new IdsSignature("evil", new byte[] { 0xde, 0xad, 0xbe, 0xef }),
            new IdsSignature("shell", "/bin/sh"u8.ToArray()) { IgnoreCase = true },
        }) { BlockFor = blockFor });
        return ids;
    }

    [Test]
    public void ABlockWithALifetimeEndsThenANewOffenceBlocksAgain()
    {
        var ids = Ids(block: true, blockFor: TimeSpan.FromMilliseconds(100));
        var client = A("10.0.0.7");
        var server = A("10.0.1.5");
        Assert.That(ids.Process(TestFrames.Tcp(client, 5000, server, 80, "' OR 1=1"u8), T0).Reason, Is.EqualTo(DropReason.Blocked));
        var ms = TimeSpan.FromMilliseconds(1);
        Assert.That(ids.Process(TestFrames.Tcp(client, 5000, server, 80, "harmless"u8), T0 + 99 * ms).Reason, Is.EqualTo(DropReason.Blocked), "still within the lifetime");
        Assert.That(ids.Process(TestFrames.Tcp(server, 80, client, 5000, "200"u8), T0 + 99 * ms).Reason, Is.EqualTo(DropReason.Blocked), "replies too");
        Assert.That(ids.IsBlocked(new FlowKey(client, server, 5000, 80, 6), T0 + 100 * ms), Is.False);
        Assert.That(ids.Process(TestFrames.Tcp(server, 80, client, 5000, "200"u8), T0 + 100 * ms).Passes, "the lifetime is over: the reply direction passes");
        Assert.That(ids.Process(TestFrames.Tcp(client, 5000, server, 80, "harmless"u8), T0 + 100 * ms).Passes, "and the flow itself");
        Assert.That(ids.BlockedFlowCount, Is.Zero, "an ended block is forgotten, both directions");
        var again = ids.Process(TestFrames.Tcp(client, 5000, server, 80, "' OR 1=1"u8), T0 + 150 * ms);
        Assert.That((again.Reason, again.Alert?.Blocked), Is.EqualTo((DropReason.Blocked, (bool?)true)), "a new offence is a new block");
        Assert.That(ids.Process(TestFrames.Tcp(client, 5000, server, 80, "harmless"u8), T0 + 249 * ms).Reason, Is.EqualTo(DropReason.Blocked));
        Assert.That(ids.AlertCount, Is.EqualTo(2));
    }

    [Test]
    public void UnblockLiftsAPermanentBlockAndTheAgentAnswersLiftRequests()
    {
        var ids = Ids(block: true);
        var client = A("10.0.0.7");
        var server = A("10.0.1.5");
        ids.Process(TestFrames.Tcp(client, 5000, server, 80, "' OR 1=1"u8), T0);
        ids.Process(TestFrames.Udp(client, 5001, server, 9, new byte[] { 0xde, 0xad, 0xbe, 0xef }), T0);
        Assert.That(ids.Process(TestFrames.Tcp(client, 5000, server, 80, "x"u8), T0 + TimeSpan.FromDays(1)).Reason, Is.EqualTo(DropReason.Blocked), "no lifetime: for good");
        // Lifting by the reverse direction's tuple lifts the flow too.
        var reply = Southbound.FunctionAgent.Handle(ids, new SdnController.Southbound.Nfv.LiftFunctionBlocks(7, new SdnController.Southbound.Nfv.FunctionFlowTuple(server, client, 80, 5000, 6)));
        Assert.That(reply, Is.EqualTo(new SdnController.Southbound.Nfv.FunctionBlocksLifted(7, 2)));
        Assert.That(ids.Process(TestFrames.Tcp(client, 5000, server, 80, "x"u8), T0).Passes);
        Assert.That(ids.Process(TestFrames.Udp(client, 5001, server, 9, "x"u8), T0).Reason, Is.EqualTo(DropReason.Blocked), "the other block stays");
        Assert.That(Southbound.FunctionAgent.Handle(ids, new SdnController.Southbound.Nfv.LiftFunctionBlocks(8, new SdnController.Southbound.Nfv.FunctionFlowTuple(server, client, 80, 5000, 6))),
            Is.EqualTo(new SdnController.Southbound.Nfv.FunctionBlocksLifted(8, 0)), "nothing left to lift");
        Assert.That(Southbound.FunctionAgent.Handle(ids, new SdnController.Southbound.Nfv.LiftFunctionBlocks(9, null)), Is.EqualTo(new SdnController.Southbound.Nfv.FunctionBlocksLifted(9, 2)));
        Assert.That(ids.Process(TestFrames.Udp(client, 5001, server, 9, "x"u8), T0).Passes);
        Assert.That(Southbound.FunctionAgent.Handle(new Firewall.FirewallFunction("fw"), new SdnController.Southbound.Nfv.LiftFunctionBlocks(10, null)),
            Is.EqualTo(new SdnController.Southbound.Nfv.FunctionBlocksLifted(10, 0)), "a function that blocks nothing answers 0");
    }

    [Test]
    public void AMatchAlertsAndBlocksTheFlowBothWays()
    {
        var ids = Ids(block: true);
        var client = A("10.0.0.7");
        var server = A("10.0.1.5");
        Assert.That(ids.Process(TestFrames.Tcp(client, 5000, server, 80, "GET /?q=1"u8), T0), Is.EqualTo(NfvVerdict.Forward()));
        var attack = ids.Process(TestFrames.Tcp(client, 5000, server, 80, "GET /?q=' OR 1=1 --"u8), T0);
        Assert.That((attack.Action, attack.Reason, attack.Rule), Is.EqualTo((NfvAction.Drop, DropReason.Blocked, 0)));
        Assert.That(attack.Alert, Is.EqualTo(new IdsAlert("ids1", "sqli", new FlowKey(client, server, 5000, 80, 6), T0, Blocked: true)));

        var later = ids.Process(TestFrames.Tcp(client, 5000, server, 80, "harmless"u8), T0);
        Assert.That((later.Action, later.Reason, later.Alert), Is.EqualTo((NfvAction.Drop, DropReason.Blocked, (IdsAlert?)null)), "the flow stays blocked");
        Assert.That(ids.Process(TestFrames.Tcp(server, 80, client, 5000, "200"u8), T0).Reason, Is.EqualTo(DropReason.Blocked), "its replies too");
        Assert.That(ids.Process(TestFrames.Tcp(client, 5001, server, 80, "harmless"u8), T0).Passes, "another flow passes");
        Assert.That((ids.AlertCount, ids.BlockedFlowCount), Is.EqualTo((1L, 2)));
        Assert.That(ids.Counters.RuleNames, Is.EqualTo(new[] { "sqli", "evil", "shell" }));
        Assert.That(ids.Counters.Rules[0].Dropped, Is.EqualTo(1));
    }

    [Test]
    public void SignaturesKeepToTheirProtocolAndPorts()
    {
        var ids = Ids(block: true);
        Assert.That(ids.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 81, "' OR 1=1"u8), T0).Passes, "sqli is for port 80");
        Assert.That(ids.Process(TestFrames.Udp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80, "' OR 1=1"u8), T0).Passes, "and TCP");
        var hex = ids.Process(TestFrames.Udp(A("10.0.0.7"), 5000, A("10.0.1.5"), 9, new byte[] { 1, 2, 0xde, 0xad, 0xbe, 0xef, 3 }), T0);
        Assert.That(hex.Alert?.SignatureId, Is.EqualTo("evil"));
        var icmp = ids.Process(TestFrames.IcmpEcho(A("10.0.0.8"), A("10.0.1.5"), 1, payload: "run /BIN/SH now"u8), T0);
        Assert.That(icmp.Alert?.SignatureId, Is.EqualTo("shell"), "nocase, and ICMP payloads are searched too");
    }

    [Test]
    public void WithoutBlockingAMatchOnlyAlerts()
    {
        var ids = Ids(block: false);
        var v = ids.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80, "' OR 1=1"u8), T0);
        Assert.That((v.Action, v.Alert?.SignatureId, v.Alert?.Blocked), Is.EqualTo((NfvAction.Forward, "sqli", false)));
        Assert.That(ids.Process(TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.1.5"), 80, "x"u8), T0).Passes);
    }

    [Test]
    public void NoMatchNoAlert()
    {
        var ids = Ids(block: true);
        for (var i = 0; i < 100; i++)
        {
            var v = ids.Process(TestFrames.Tcp(A("10.0.0.7"), (ushort)(5000 + i), A("10.0.1.5"), 80, "GET / HTTP/1.1 OR 1=2 de ad be ef"u8), T0);
            Assert.That((v.Action, v.Alert), Is.EqualTo((NfvAction.Forward, (IdsAlert?)null)));
        }
        Assert.That(ids.AlertCount, Is.Zero);
    }
}
