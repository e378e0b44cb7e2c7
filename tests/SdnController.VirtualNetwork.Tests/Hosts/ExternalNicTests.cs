using SdnController.VirtualNetwork.Hosts;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Tests.Network;

namespace SdnController.VirtualNetwork.Tests.Hosts;

/// <summary>
/// A host with an external NIC attached (what a real host's veth is): the network's frames for it go to the NIC
/// instead of its simulated stack, and frames from the NIC enter its access link as its own.
/// </summary>
public class ExternalNicTests
{
    /// <summary>What a real interface would put on its wire, kept for the test to look at.</summary>
    private sealed class WireRecorder : IExternalNic
    {
        public List<byte[]> Frames { get; } = new();
        public void Transmit(byte[] frame) => Frames.Add(frame);
    }

    [Test]
    public void Frames_for_the_host_go_to_the_nic_and_the_simulated_stack_stays_silent()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Single(), loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        loop.RunUntil(TimeSpan.FromMilliseconds(5));
        var wire = new WireRecorder();
        net.Hosts[1].AttachNic(wire);
        Assert.That(net.Hosts[1].HasExternalNic, Is.True);

        // h1 pings h2: the ARP request is flooded to h2's NIC; nothing answers it, since h2's stack is the NIC's now.
        var replied = true;
        net.Ping("h1", "h2", TimeSpan.FromMilliseconds(500), r => replied = r.Replied);
        loop.RunUntil(TimeSpan.FromSeconds(1));
        Assert.That(replied, Is.False);
        Assert.That(wire.Frames, Is.Not.Empty);
        Assert.That(wire.Frames[0][12..14], Is.EqualTo(new byte[] { 0x08, 0x06 }), "the ARP request reached the NIC");
        Assert.That(net.Hosts[1].FramesReceived, Is.EqualTo(wire.Frames.Count));
        Assert.That(net.Hosts[1].FramesSent, Is.Zero, "the simulated stack answered nothing");
    }

    [Test]
    public void A_frame_from_the_nic_is_sent_as_the_hosts_and_back_on_the_simulated_stack_after_detach()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Single(), loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        loop.RunUntil(TimeSpan.FromMilliseconds(5));
        var wire = new WireRecorder();
        net.Hosts[0].AttachNic(wire);
        net.Hosts[0].SendFromNic(net.UdpFrame("h1", "h2", 5000, 6000));
        loop.RunUntil(TimeSpan.FromMilliseconds(10));
        Assert.That(net.Hosts[0].FramesSent, Is.EqualTo(1));
        Assert.That(net.Hosts[1].FramesReceived, Is.EqualTo(1), "h2 got the frame the NIC sent");

        net.Hosts[0].DetachNic();
        bool? replied = null;
        net.Ping("h2", "h1", TimeSpan.FromMilliseconds(500), r => replied = r.Replied);
        loop.RunUntil(TimeSpan.FromSeconds(1));
        Assert.That(replied, Is.True, "h1's simulated stack answers again");
        Assert.That(wire.Frames, Is.Empty);
    }
}
