using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Tests.Scenarios;

/// <summary>Flows and pings are IPv4: a host without an address is refused where a file names it, never later in a run.</summary>
public class Ipv4RequirementTests
{
    private const string Network = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: s1, ipv4: 10.0.0.1/24}
          - {id: h2, attach: s2, ipv4: 10.0.0.2/24}
          - {id: h3, attach: s2}
        links:
          - endpoints: [s1, s2]

        """;

    private static DiagnosticBag Load(string sections)
    {
        var bag = new DiagnosticBag();
        TopologyYamlLoader.LoadText(Network + sections, "v4.yaml", bag);
        return bag;
    }

    [Test]
    public void Flow_naming_a_host_without_ipv4_is_an_error_at_the_host()
    {
        var bag = Load("traffic:\n  - {from: h1, to: h3}\n");
        Assert.That(bag.Items.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()),
            Has.One.StartsWith("v4.yaml:9:20: error: host 'h3' has no IPv4 address"));
    }

    [Test]
    public void Expect_naming_a_host_without_ipv4_is_an_error_at_the_host()
    {
        var bag = Load("scenario:\n  events:\n    - {at: 1s, expect: h3 reaches h1}\n");
        Assert.That(bag.Items.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()),
            Has.One.StartsWith("v4.yaml:10:24: error: host 'h3' has no IPv4 address"));
    }

    [Test]
    public void Star_leaves_out_hosts_without_ipv4_with_a_warning()
    {
        var bag = new DiagnosticBag();
        var t = TopologyYamlLoader.LoadText(Network + "traffic:\n  - {from: \"*\", to: \"*\"}\n", "v4.yaml", bag);
        Assert.That(bag.ErrorCount(), Is.Zero, string.Join("\n", bag.Items));
        Assert.That(t!.Traffic.Select(f => (f.From, f.To)), Is.EquivalentTo(new[] { ("h1", "h2"), ("h2", "h1") }));
        Assert.That(bag.Items.Where(d => d.Severity == Severity.Warning).Select(d => d.ToString()),
            Has.Exactly(2).Contains("leaves out 1 host(s) without an IPv4 address (h3)"), "one warning for 'from', one for 'to'");
    }
}
