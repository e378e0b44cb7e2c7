namespace SdnController.Cli.Tests;

/// <summary>`sdnctl shell TOPO &lt; script`: the real process reading commands from stdin. Not run in parallel with the
/// other CLI tests: four shells at once add enough load to starve the realtime run test.</summary>
[TestFixture]
public class ShellCliTests
{
    [Test]
    public void A_script_fails_a_link_and_restores_it_with_mininet_style_output()
    {
        var r = CliRunner.RunWithInput("""
            nodes
            links
            pingall
            routes h1 h4
            link s2 s3 down
            pingall
            routes h1 h4
            flows s1
            trace last
            link s2 s3 up
            routes h1 h4
            ping h1 h4 -c 2
            """, "shell", "topologies/ring-6.yaml");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Is.Empty);
        var o = r.Stdout;
        Assert.That(o, Does.StartWith("*** ring-6: 6 switches, 6 hosts, 6 links, 3 traffic flows; controller ready at "));
        Assert.That(o, Does.Not.Contain("sdnctl>"), "no prompt when stdin is a script");
        Assert.That(o, Does.Contain("available nodes are: \nh1 h2 h3 h4 h5 h6 s1 s2 s3 s4 s5 s6\n"));
        Assert.That(o, Does.Contain("s2-eth2<->s3-eth3 (OK OK) [s2-s3]"));
        Assert.That(o, Does.Contain("h1 -> h2 h3 h4 h5 h6\n"));
        Assert.That(Count(o, "*** Results: 0% dropped (30/30 received)"), Is.EqualTo(2), "a ring survives one link");
        Assert.That(o, Does.Contain("h1 -> h4: h1 → s1 [1→2] → s2 [3→2] → s3 [3→2] → s4 [3→1] → h4   (3 links, 6 ms)"));
        Assert.That(o, Does.Contain("h1 -> h4: h1 → s1 [1→3] → s6 [2→3] → s5 [2→3] → s4 [2→1] → h4   (3 links, 19 ms)"));
        Assert.That(o, Does.Match(@"\*\*\* t=[\d.]+ ms  link s2-s3 down\n\*\*\* controller: s2-s3 down detected by port-status at t=[\d.]+ ms; \d+ flows affected: \d+ rerouted, 0 unreachable"));
        Assert.That(o, Does.Contain("priority=65000,arp actions=CONTROLLER:65535"));
        Assert.That(o, Does.Match(@"trace [0-9a-f]{32}  link.failure s2-s3 · failure 1 of 1"));
        Assert.That(o, Does.Contain("  switch.install"));
        Assert.That(Count(o, "(3 links, 6 ms)"), Is.EqualTo(4), "the short side again after the restore, both ways");
        Assert.That(o, Does.Contain("2 packets transmitted, 2 received, 0% packet loss"));
    }

    [Test]
    public void With_reactive_routing_an_undeclared_ping_opens_its_flow_by_packet_in()
    {
        // ring-6 with the controller: section asking for reactive routing (the sample file has none).
        var file = Path.Combine(Path.GetTempPath(), $"ring-6-reactive-{Environment.ProcessId}.yaml");
        File.WriteAllText(file, File.ReadAllText(CliRunner.Repo("topologies/ring-6.yaml")) + "\ncontroller:\n  routing: reactive\n");
        try
        {
            var r = CliRunner.RunWithInput("""
                flows s1
                ping h1 h5 -c 3
                flows s1
                """, "shell", file);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            var o = r.Stdout;
            Assert.That(Count(o, "priority=0,ip actions=CONTROLLER:65535"), Is.EqualTo(2), "the IPv4 table-miss to the controller, before and after");
            Assert.That(o, Does.Contain("3 packets transmitted, 3 received, 0% packet loss"));
            // Before the ping s1 holds no ICMP rule; after it, the flow's two directions (n_packets: the 2 later requests, 3 replies).
            Assert.That(Count(o, "icmp,nw_src=10.0.0.1,nw_dst=10.0.0.5"), Is.EqualTo(1), o);
            Assert.That(Count(o, "icmp,nw_src=10.0.0.5,nw_dst=10.0.0.1"), Is.EqualTo(1), o);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_same_script_gives_the_same_output()
    {
        const string script = "link s2 s3 down\npingall\nswitch s4 down\npingall\nflows s5\nwait 1s\ntime\n";
        var a = CliRunner.RunWithInput(script, "shell", "topologies/ring-6.yaml");
        var b = CliRunner.RunWithInput(script, "shell", "topologies/ring-6.yaml");
        Assert.That(a.ExitCode, Is.EqualTo(0), a.Stderr);
        Assert.That(a.Stdout, Does.Contain("h4 -> X X X X X"));
        Assert.That(b.Stdout, Is.EqualTo(a.Stdout));
    }

    [Test]
    public void A_bad_line_is_reported_with_its_number_the_rest_runs_and_the_exit_code_is_2()
    {
        var r = CliRunner.RunWithInput("nodes\nlnk s1 s2 down\nlink s1 s9 down\n\nflows s1\nexit\nnodes\n", "shell", "topologies/ring-6.yaml");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Is.EqualTo(
            "line 2: error: unknown command 'lnk'; did you mean 'link'?\n" +
            "line 3: error: unknown node 's9' (did you mean 's1'?); nodes: h1, h2, s1, s2, s3, s4, s5, s6, …\n"));
        Assert.That(r.Stdout, Does.Contain("NXST_FLOW reply:"), "lines after the errors still run");
        Assert.That(Count(r.Stdout, "available nodes are:"), Is.EqualTo(1), "nothing runs after exit");
        Assert.That(r.Stderr + r.Stdout, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void A_missing_topology_is_bad_input()
    {
        var r = CliRunner.RunWithInput("nodes\n", "shell", "no-such-file.yaml");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("no-such-file.yaml"));
    }

    [Test]
    public void Policy_lists_each_classified_flow_with_the_entry_taken()
    {
        // policy-classes: voice (RTP) moves to the fast path, torrent (BitTorrent) is blocked, plain (unknown UDP) matches nothing.
        var r = CliRunner.RunWithInput("""
            policy
            wait 300ms
            policy
            help policy
            policy now
            """, "shell", "topologies/policy-classes.yaml");
        Assert.That(r.ExitCode, Is.EqualTo(2), "the last line is rejected: " + r.Stderr);
        var o = r.Stdout;
        Assert.That(o, Does.Contain("*** no flow labelled yet"), "nothing is labelled at t=0");
        var lines = o.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("flow ", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), o);
        Assert.That(lines[header].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Is.EqualTo(new[] { "flow", "protocol", "method", "class", "entry", "action", "outcome", "at", "labels" }));
        var voice = lines.Single(l => l.Contains(":5004 ", StringComparison.Ordinal));
        Assert.That(voice, Does.Match(@"^udp 10\.0\.0\.1:\d+ > 10\.0\.0\.2:5004 +RTP +inspection +real-time +#1 class=real-time +metric:latency +moved +t=[\d.]+ ms +\d+$"), voice);
        var torrent = lines.Single(l => l.Contains(":7000 ", StringComparison.Ordinal));
        Assert.That(torrent, Does.Match(@"^tcp 10\.0\.0\.1:\d+ > 10\.0\.0\.2:7000 +BitTorrent +inspection +\S+ +#2 protocol=BitTorrent +block +blocked +t="), torrent);
        Assert.That(o, Does.Contain("policy: each flow the classifier labelled"));
        Assert.That(r.Stderr, Does.Contain("line 5: error: policy: too many arguments; usage: policy"));
    }

    [Test]
    public void Policy_without_a_policy_section_says_so()
    {
        var r = CliRunner.RunWithInput("policy\n", "shell", "topologies/ring-6.yaml");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("*** no policy: the topology has no policy: section, so nothing is classified"));
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
