using System.Collections.Immutable;
using SdnController.Classification;
using SdnController.Classification.Classes;
using SdnController.Classification.Decoding;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.Topology.Traffic;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Tests.Network;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.VirtualNetwork.Tests.Hosts;

/// <summary>
/// Traffic payloads: flows whose packets open with an application protocol's bytes are recognised by the classifier
/// fed from the hosts' tap (one copy per frame sent), and their receivers still read the generator's stamp behind them.
/// </summary>
public class PayloadTrafficTests
{
    [Test]
    public void Each_payload_is_recognised_by_inspection_and_every_packet_still_counts_at_the_receiver()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Single(), loop, new NetworkOptions());
        var sink = new RecordingSink(loop);
        sink.Channel = net.Open(net.Topology.Switches[0].DatapathId, sink);
        var h1 = net.Topology.Hosts[0];
        var h2 = net.Topology.Hosts[1];
        sink.OnReceive = m =>
        {
            if (m is not PacketIn pin) return;
            var outs = new[] { 1, 2 }.Where(p => p != pin.InPort).Select(p => (FlowAction)new OutputAction(p)).ToImmutableArray();
            sink.Channel.Send(new PacketOut(1, pin.Frame, pin.InPort, outs));
        };
        sink.Channel.Send(new[]
        {
            (ControllerMessage)new FlowMod(2, FlowModCommand.Add, new FlowRule(200, new Match { EthType = 0x0806 }, ImmutableArray.Create<FlowAction>(ToControllerAction.Instance))),
            new FlowMod(3, FlowModCommand.Add, new FlowRule(100, new Match { EthDst = TestNet.MacOf(h1) }, ImmutableArray.Create<FlowAction>(new OutputAction(1)))),
            new FlowMod(4, FlowModCommand.Add, new FlowRule(100, new Match { EthDst = TestNet.MacOf(h2) }, ImmutableArray.Create<FlowAction>(new OutputAction(2)))),
            new BarrierRequest(5),
        });
        var classifier = new Classifier();
        var tapped = 0;
        net.HostFrameSent += (_, packet) =>
        {
            tapped++;
            classifier.Process(packet.Frame, LinkType.Ethernet, packet.SentAt.Ticks / 10);
        };
        var start = TimeSpan.FromMilliseconds(5);
        var stop = TimeSpan.FromMilliseconds(105);
        HostFlow Start(string id, FlowProtocol protocol, TrafficPayload payload, ushort port) =>
            net.StartFlow(new HostFlowSpec(id, "h1", "h2", protocol, 100, 300, start, stop, (ushort)(20000 + port), port) { Payload = payload });
        var flows = new[]
        {
            Start("rtp", FlowProtocol.Udp, TrafficPayload.Rtp, 30000),
            Start("dns", FlowProtocol.Udp, TrafficPayload.Dns, 53),   // DNS is taken on its port only, as nDPI does
            Start("ssh", FlowProtocol.Tcp, TrafficPayload.Ssh, 2222),
            Start("bt", FlowProtocol.Tcp, TrafficPayload.BitTorrent, 7000),
            Start("none", FlowProtocol.Udp, TrafficPayload.None, 7001),
        };
        loop.RunUntil(TimeSpan.FromMilliseconds(300));

        foreach (var f in flows)
        {
            Assert.That(f.Sent, Is.EqualTo(10), f.Id);
            Assert.That(f.Delivered, Is.EqualTo(10), $"{f.Id}: the receiver reads the stamp after the payload");
            Assert.That(f.HighestDeliveredSeq, Is.EqualTo(9), f.Id);
        }
        var byPort = classifier.Flows.Where(f => f.Transport is 6 or 17).ToDictionary(f => f.ServerPort);
        (string, string, string) Label(ushort port)
        {
            var flow = byPort[port];
            var (protocol, method) = Classifier.FinalProtocol(flow);
            return (protocol.Name(), TrafficClassifier.Of(flow, protocol, classifier.Options).Name(), method.ToString());
        }
        Assert.That(Label(30000), Is.EqualTo(("RTP", "real-time", "Inspection")));
        Assert.That(Label(53), Is.EqualTo(("DNS", "dns", "Inspection")));
        Assert.That(byPort[53].Host, Is.EqualTo("example.org"));
        Assert.That(Label(2222), Is.EqualTo(("SSH", "interactive", "Inspection")));
        Assert.That(Label(7000), Is.EqualTo(("BitTorrent", "bulk", "Inspection")));
        Assert.That(Label(7001).Item1, Is.EqualTo("Unknown"), "the bare generator stamp is nothing the classifier knows");
        Assert.That(tapped, Is.EqualTo(net.Hosts[0].FramesSent + net.Hosts[1].FramesSent), "one copy of every frame a host sent");
    }
}
