using SdnController.Scenarios.Interactive;

namespace SdnController.Scenarios.Tests.Interactive;

/// <summary>The shell's blocks and unblock commands, run as a script against a session whose traffic offends a blocking IDS.</summary>
public class BlockShellTests
{
    /// <summary>"bad" carries the pattern for its first 20 ms, then stops; "good" (another port) never offends.</summary>
    internal const string Topology = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          ids1: {kind: ids, attach: "s2:5", block: true, block_for: 10s, signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]}
        chains:
          - {id: watched, match: {from: h1, to: h2}, through: [ids1]}
        traffic:
          - {id: bad, from: h1, to: h2, kind: udp, port: 6000, rate: 1000pps, size: 100, stop: 20ms}
          - {id: good, from: h1, to: h2, kind: udp, port: 6001, rate: 100pps, size: 100}
        """;

    [Test]
    public void Blocks_lists_what_is_blocked_and_unblock_lifts_it()
    {
        using var session = NetworkSession.Start(RunHarness.LoadText(Topology));
        var output = new StringWriter();
        var shell = new ShellInterpreter(session, output);
        string Run(string line)
        {
            output.GetStringBuilder().Clear();
            var r = shell.Execute(line);
            Assert.That(r.Kind, Is.EqualTo(ShellLineKind.Done), r.Error);
            return output.ToString();
        }

        Assert.That(Run("blocks"), Is.EqualTo("*** no blocks: no flow is blocked now\n"), "nothing offended yet at t=0");
        Run("wait 50ms");
        var table = Run("blocks").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(table, Has.Length.EqualTo(2));
        Assert.That(table[0].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim()),
            Is.EqualTo(new[] { "id", "flow", "ingress", "by", "since", "expires", "dropped" }));
        var row = table[1].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim()).ToArray();
        var blocked = session.ControllerEvents.OfType<Controller.Observation.FlowBlocked>().Single();
        Assert.That(row[..4], Is.EqualTo(new[] { "1", blocked.Flow, "s1,s2", "ids1/zeros" }));
        Assert.That(row[4], Is.EqualTo($"t={ShellText.Ms(blocked.Since - session.Origin)} ms"));
        Assert.That(row[5], Is.EqualTo($"t={ShellText.Ms(blocked.Since - session.Origin + TimeSpan.FromSeconds(10))} ms"));
        var dropped = long.Parse(row[6]);
        var bad = session.Network.Flows.Single(f => f.Spec.Id == "bad");
        Assert.That(dropped, Is.GreaterThan(10).And.LessThanOrEqualTo(bad.Sent), "the packets of bad sent after the rule went in");

        Assert.That(shell.Execute("unblock 7").Error, Is.EqualTo("no block 7 in force; blocks in force: 1"));
        Assert.That(shell.Execute("unblock one").Error, Does.Contain("expected a block id or 'all', found 'one'; blocks in force: 1"));
        Assert.That(shell.Execute("unblock").Error, Does.Contain("missing arguments; usage: unblock ID|all"));
        Assert.That(shell.Execute("blocks now").Error, Does.Contain("too many arguments"));
        Assert.That(shell.Execute("unblok 1").Error, Does.Contain("did you mean 'unblock'?"));

        Assert.That(Run("unblock 1"), Does.Match(@"^\*\*\* block 1 lifted: udp 10\.0\.0\.1:\d+ -> 10\.0\.0\.2:6000 passes again; drop rules removed from s1, s2 after [0-9.]+ ms\n$"));
        Assert.That(session.ControllerEvents.OfType<Controller.Observation.FlowUnblocked>().Single().Reason, Is.EqualTo("operator"));
        Assert.That(Run("blocks"), Is.EqualTo("*** no blocks: no flow is blocked now\n"));
        Assert.That(Run("unblock all"), Is.EqualTo("*** no blocks to lift\n"));
        Assert.That(shell.Execute("unblock 1").Error, Is.EqualTo("no block 1: no flow is blocked now"));
        Assert.That(Run("help unblock"), Does.StartWith("unblock ID|all: lift a block"));
        Assert.That(Run("help"), Does.Contain("  blocks ").And.Contain("  unblock ID|all "));
    }

    [Test]
    public void Unblock_completes_all_and_the_ids_in_force()
    {
        var topology = RunHarness.LoadText(Topology);
        var completion = new ShellCompletion(topology) { BlockIds = () => ["1", "12"] };
        Assert.That(completion.Complete("unb", 3).Candidates, Is.EqualTo(new[] { "unblock" }));
        Assert.That(completion.Complete("blo", 3).Candidates, Is.EqualTo(new[] { "blocks" }));
        Assert.That(completion.Complete("unblock ", 8).Candidates, Is.EqualTo(new[] { "1", "12", "all" }));
        Assert.That(completion.Complete("unblock 1", 9).Candidates, Is.EqualTo(new[] { "1", "12" }));
        Assert.That(completion.Complete("unblock 1 ", 10).Candidates, Is.Empty);
        Assert.That(new ShellCompletion(topology).Complete("unblock ", 8).Candidates, Is.EqualTo(new[] { "all" }), "no session: no ids");
    }
}
