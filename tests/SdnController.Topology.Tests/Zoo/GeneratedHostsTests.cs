using System.Net;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Tests.Zoo;

[TestFixture]
public class GeneratedHostsTests
{
    [TestCase(0, "10.0.0.1")]
    [TestCase(253, "10.0.0.254")]
    [TestCase(254, "10.0.1.1")]
    [TestCase(254 * 256, "10.1.0.1")]
    [TestCase(GeneratedHosts.Capacity - 1, "10.255.255.254")]
    public void Addresses_run_through_10_slash_8_skipping_dot_0_and_dot_255(long index, string expected) =>
        Assert.That(GeneratedHosts.AddressAt(index), Is.EqualTo(IPAddress.Parse(expected)));

    [Test]
    public void Attach_names_hosts_after_their_switch_and_numbers_ports_after_links()
    {
        var b = new TopologyBuilder("t");
        b.AddSwitch(new SwitchSpec("a")).AddSwitch(new SwitchSpec("b"));
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)));
        GeneratedHosts.Attach(b, new[] { "a", "b" }, 2);
        var t = b.Build(new DiagnosticBag())!;
        Assert.That(t.Hosts.Select(h => $"{h.Id} {h.Attachment} {h.IPv4}"), Is.EqualTo(new[]
        {
            "a-h1 a:2 10.0.0.1/8", "a-h2 a:3 10.0.0.2/8", "b-h1 b:2 10.0.0.3/8", "b-h2 b:3 10.0.0.4/8",
        }));
    }

    [Test]
    public void Counts_beyond_the_address_space_or_negative_are_refused_before_anything_is_added()
    {
        Assert.That(GeneratedHosts.CheckCount(65536, 254), Is.Null);
        Assert.That(GeneratedHosts.CheckCount(65537, 254), Does.Contain("offers 16646144"));
        Assert.That(GeneratedHosts.CheckCount(3, -1), Does.Contain("0 or more"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratedHosts.Attach(new TopologyBuilder("t"), new[] { "a" }, -1));
    }
}
