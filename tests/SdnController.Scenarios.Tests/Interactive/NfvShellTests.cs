using SdnController.Scenarios.Interactive;

namespace SdnController.Scenarios.Tests.Interactive;

/// <summary>The shell's nfv and chains commands on a session whose traffic the controller steers through its chain.</summary>
public class NfvShellTests
{
    private const string Topology = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          fw1: {kind: firewall, attach: "s1:5", default: deny, rules: [{action: allow, proto: udp, dport: 6000}]}
          ids1: {kind: ids, attach: "s2:5", signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]}
        chains:
          - {id: web, match: {to: h2, proto: udp}, through: [fw1, ids1]}
        traffic:
          - {id: open, from: h1, to: h2, kind: udp, port: 6000, rate: 100pps, size: 100}
          - {id: closed, from: h1, to: h2, kind: udp, port: 7000, rate: 100pps, size: 100}
        """;

    [Test]
    public void Nfv_lists_functions_with_counters_and_nfv_rules_shows_each_rules_packets()
    {
        using var session = NetworkSession.Start(RunHarness.LoadText(Topology));
        var output = new StringWriter();
        var shell = new ShellInterpreter(session, output);
        Assert.That(shell.Execute("wait 1s").Kind, Is.EqualTo(ShellLineKind.Done));
        var open = session.Network.Flows.Single(f => f.Spec.Id == "open");
        var closed = session.Network.Flows.Single(f => f.Spec.Id == "closed");

        output.GetStringBuilder().Clear();
        Assert.That(shell.Execute("nfv").Kind, Is.EqualTo(ShellLineKind.Done));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim()),
            Is.EqualTo(new[] { "function", "kind", "attach", "state", "version", "in", "out", "dropped", "alerts" }));
        var fw = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Counted when the counters request reached the instance: every packet sent before then had arrived there.
        Assert.That(fw[..5], Is.EqualTo(new[] { "fw1", "firewall", "s1:5", "up", "1" }));
        Assert.That(long.Parse(fw[6]), Is.EqualTo(open.Delivered).Within(1), "what the firewall passed is what h2 got");
        Assert.That(long.Parse(fw[7]), Is.EqualTo(closed.Sent).Within(1), "everything to port 7000 denied");
        var ids = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(ids[..5], Is.EqualTo(new[] { "ids1", "ids", "s2:5", "up", "1" }));
        Assert.That(long.Parse(ids[8]), Is.GreaterThan(90), "every packet to 6000 carries the zeros");

        output.GetStringBuilder().Clear();
        Assert.That(shell.Execute("nfv fw1 rules").Kind, Is.EqualTo(ShellLineKind.Done));
        var rules = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rules[0], Is.EqualTo("*** fw1 (firewall at s1:5): up, version 1"));
        Assert.That(rules.Skip(2).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[0].Trim()), Is.EqualTo(new[] { "rule 1", "default" }));
        Assert.That(long.Parse(rules[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]), Is.EqualTo(long.Parse(fw[7])), "the default rule did the dropping");

        output.GetStringBuilder().Clear();
        Assert.That(shell.Execute("chains").Kind, Is.EqualTo(ShellLineKind.Done));
        Assert.That(output.ToString(), Is.EqualTo("web: to h2 udp through fw1 -> ids1\n  open: s1 -> fw1 -> s1 -> s2 -> ids1 -> s2\n  closed: s1 -> fw1 -> s1 -> s2 -> ids1 -> s2\n"));
        session.Network.SetFunctionState("fw1", false);
        shell.Execute("wait 10ms");
        output.GetStringBuilder().Clear();
        shell.Execute("chains");
        Assert.That(output.ToString(), Does.Contain("  open: fails closed (fw1 down, no standby): dropped at the ingress"));

        Assert.That(shell.Execute("nfv fw9 rules").Error, Does.StartWith("unknown network function 'fw9' (did you mean 'fw1'?)"));
        Assert.That(shell.Execute("nfv fw1").Error, Does.Contain("expected 'rules', 'down' or 'up' after 'fw1'"));
        Assert.That(shell.Execute("nfv fw1 sideways").Error, Does.Contain("usage: nfv F down|up"));
        Assert.That(shell.Execute("chains now").Error, Does.Contain("too many arguments"));
        Assert.That(new ShellCompletion(session.Topology).Complete("nfv fw1 r", 9).Candidates, Is.EqualTo(new[] { "rules" }));
    }

    [Test]
    public void After_nfv_up_the_firewall_obeys_its_rules_again()
    {
        using var session = NetworkSession.Start(RunHarness.LoadText(Topology));
        var output = new StringWriter();
        var shell = new ShellInterpreter(session, output);
        shell.Execute("nfv fw1 down");
        shell.Execute("wait 200ms");
        var open = session.Network.Flows.Single(f => f.Spec.Id == "open");
        var deliveredWhileDown = open.Delivered;
        shell.Execute("nfv fw1 up");
        Assert.That(output.ToString(), Does.Contain("the controller re-sent version 1 and it was in force after 1.5 ms"));
        shell.Execute("wait 500ms");
        Assert.That(open.Delivered - deliveredWhileDown, Is.InRange(48, 51), "port 6000 passes again");
        Assert.That(session.Network.Flows.Single(f => f.Spec.Id == "closed").Delivered, Is.Zero);
        output.GetStringBuilder().Clear();
        shell.Execute("nfv");
        Assert.That(output.ToString(), Does.Contain("fw1       firewall  s1:5    up     1"));
    }
}
