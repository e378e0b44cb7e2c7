using System.Diagnostics.Metrics;
using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Durable state: the controller is killed mid-run (its actor system stops; the virtual network and its traffic go on)
/// and a new one starts on the same SQLite intent store. It must recover every intent, reconcile the switches to
/// exactly the tables a never-killed controller has at the same moment, keep an IDS block in force until it expires on
/// time, survive a second restart, and refuse a damaged store with one clear line.
/// </summary>
public class ControllerRestartRunTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private const string AllPairs = """
        scenario:
          duration: 3s
          seed: 3
          events:
            - {at: 2800ms, expect: connected pairs reach}
        traffic:
          - {from: "*", to: "*", kind: udp, rate: 50pps, size: 200}
        """;

    private string _dir = "";

    [SetUp]
    public void MakeStore() => _dir = Path.Combine(Path.GetTempPath(), "sdn-state-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveStore()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Every switch's rules and groups as text, counters left out (they differ by packets, not by intent).</summary>
    private static string Tables(SimulatedNetwork network)
    {
        var lines = new List<string>();
        foreach (var node in network.Switches)
        {
            foreach (var e in node.Flows.Snapshot())
            {
                var r = e.Rule;
                lines.Add($"{node.Name} p{r.Priority} {r.Match} c{r.Cookie:x} [{string.Join(",", r.Actions)}] hard={r.HardTimeout.TotalMilliseconds}");
            }
            lines.Add($"{node.Name} groups={node.Groups.Count}");
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    /// <summary>Runs ring-6 with all-pairs traffic; the tables are taken at run time <paramref name="dumpAt"/>.</summary>
    private (Reporting.RunReport Report, ScenarioRun Run, string Tables) RunRing(string? state, TimeSpan dumpAt, params TimeSpan[] restarts)
    {
        var topology = RunHarness.Sample("ring-6");
        var file = RunHarness.ScenarioText(topology, AllPairs);
        var options = new RunOptions { Controller = ControllerOptions.For(topology) with { StateDirectory = state } };
        string tables = "";
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic, options, r =>
        {
            foreach (var t in restarts) r.RestartControllerAt(t);
            r.OnReady = network => network.Loop.ScheduleAt(network.Loop.Now + dumpAt, () => tables = Tables(network));
        });
        run.Dispose();
        return (report, run, tables);
    }

    [Test]
    public void A_killed_controller_recovers_every_intent_and_reconciles_to_a_never_killed_controllers_tables()
    {
        var (baseline, _, baselineTables) = RunRing(null, 2000 * Ms);
        var (report, run, tables) = RunRing(_dir, 2000 * Ms, 1000 * Ms, 1500 * Ms);

        Assert.That(report.Recoveries, Has.Count.EqualTo(2), "two kills, two recoveries (the store survives a second restart)");
        foreach (var r in report.Recoveries)
        {
            Assert.That(r.Persistent, Is.True);
            Assert.That(r.Flows, Is.EqualTo(report.Setup.Flows), "every declared flow recovered");
            Assert.That(r.Intents, Is.EqualTo(report.Setup.Flows), "nothing but the declared flows was intended");
            Assert.That(r.SwitchesReconciled, Is.EqualTo(6));
            Assert.That((r.RulesAdded, r.RulesRemoved), Is.EqualTo((0, 0)), "the recovered intents are what the switches already hold");
        }
        var recovered = run.ControllerEvents.OfType<IntentsRecoveredEvent>().ToList();
        Assert.That(recovered.Select(e => e.Flows), Is.EqualTo(new[] { 0, report.Setup.Flows, report.Setup.Flows }),
            "first start on an empty store, then each restart recovers the same flows");
        Assert.That(tables, Is.EqualTo(baselineTables), "switch tables after reconcile equal a never-killed run's at the same time");
        Assert.That(tables, Does.Contain("c"), "the tables are not empty");
        Assert.That(report.Totals.Lost, Is.Zero, "traffic kept flowing across both restarts");
        Assert.That(report.Totals.Delivered, Is.EqualTo(baseline.Totals.Delivered));
        Assert.That(report.Expectations.All(e => e.Passed), Is.True, "pings after the restarts reach");
        Assert.That(File.Exists(Path.Combine(_dir, "intents.db")), Is.True);
    }

    [Test]
    public void Without_a_store_a_restart_loses_the_declared_flows()
    {
        // The control experiment: the same kill with no --state reconciles the switches to an empty intent set.
        var (report, _, _) = RunRing(null, 2000 * Ms, 1000 * Ms);
        var r = report.Recoveries.Single();
        Assert.That(r.Persistent, Is.False);
        Assert.That(r.RulesRemoved, Is.GreaterThan(0));
        Assert.That(report.Totals.Lost, Is.GreaterThan(0));
    }

    [Test]
    public void A_damaged_store_is_refused_with_one_line()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "intents.db"), "this is not a database, it is text written over the store");
        var topology = RunHarness.Sample("ring-6");
        var file = RunHarness.ScenarioText(topology, AllPairs);
        var options = new RunOptions { Controller = ControllerOptions.For(topology) with { StateDirectory = _dir } };
        using var run = new ScenarioRun(topology, file.Scenario, file.Traffic, options);
        var e = Assert.Throws<RunFailedException>(() => run.Execute())!;
        Assert.That(e.Message, Does.StartWith($"--state {_dir}: "));
        Assert.That(e.Message, Does.Contain("not a readable intent store"));
        Assert.That(e.Message, Does.Not.Contain("   at "), "no stack trace");
    }

    private const string IdsNetwork = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          ids1:
            kind: ids
            attach: "s2:5"
            block: true
            block_for: 300ms
            signatures: [{id: evil, pattern: EVIL, proto: udp, dport: 6000}]
        chains:
          - {id: watched, match: {from: h1, to: h2}, through: [ids1]}
        traffic:
          - {id: app, from: h1, to: h2, kind: udp, port: 6000, rate: 1000pps, size: 100}
        """;

    [Test]
    public void A_block_made_before_the_kill_stays_in_force_after_it_and_expires_on_time()
    {
        var topology = RunHarness.LoadText(IdsNetwork);
        var options = new RunOptions { Duration = 800 * Ms, Controller = ControllerOptions.For(topology) with { StateDirectory = _dir } };
        var run = new ScenarioRun(topology, null, topology.Traffic, options);
        long deliveredAt(TimeSpan _) => run.Network.Flows.Single(f => f.Spec.Id == "app").Delivered;
        var samples = new Dictionary<int, long>();
        var blockRules = new Dictionary<int, int>();
        run.RestartControllerAt(150 * Ms);
        run.OnReady = network =>
        {
            var loop = network.Loop;
            var origin = loop.Now;
            loop.ScheduleAt(origin + 50 * Ms, () =>
            {
                var app = network.Flows.Single(f => f.Spec.Id == "app");
                var frame = network.UdpFrame("h1", "h2", app.Spec.SourcePort, 6000);
                "EVIL"u8.CopyTo(frame.AsSpan(14 + 20 + 8));
                frame[40] = frame[41] = 0;
                network.SendFrame("h1", frame);
            });
            foreach (var t in new[] { 40, 100, 160, 200, 300, 340, 360, 400, 500 })
                loop.ScheduleAt(origin + t * Ms, () =>
                {
                    samples[t] = deliveredAt(loop.Now);
                    blockRules[t] = network.Switches.Sum(s => s.Flows.Snapshot().Count(e => BlockCookie.IsBlock(e.Rule.Cookie)));
                });
        };
        var report = run.Execute();
        using (run)
        {
            var recovery = report.Recoveries.Single();
            Assert.That((recovery.Blocks, recovery.Flows), Is.EqualTo((1, 1)), "the block and the declared flow were recovered");
            var blocked = run.ControllerEvents.OfType<FlowBlocked>().ToList();
            Assert.That(blocked.Select(b => b.BlockId).Distinct(), Is.EqualTo(new[] { 1L }), "the recovered block keeps its id");
            Assert.That(blocked.Select(b => b.ExpiresAt).Distinct().Count(), Is.EqualTo(1), "and its expiry");
            var since = blocked[0].Since;
            Assert.That(blockRules[100], Is.EqualTo(2), "blocked at both ingresses before the kill");
            Assert.That(blockRules[160], Is.EqualTo(2), "still blocked just after the restart");
            Assert.That(blockRules[300], Is.EqualTo(2), "still blocked before its end");
            Assert.That(samples[300] - samples[160], Is.LessThanOrEqualTo(2), "no packet of the blocked flow passes across the restart");
            var unblocked = run.ControllerEvents.OfType<FlowUnblocked>().Single();
            Assert.That((unblocked.BlockId, unblocked.Reason), Is.EqualTo((1L, BlockLiftReasons.Expired)));
            Assert.That(unblocked.LiftedAt, Is.EqualTo(since + 300 * Ms), "the new controller ends the block when the old one would have");
            Assert.That(blockRules[400], Is.Zero);
            Assert.That(samples[500] - samples[400], Is.GreaterThan(80), "the flow passes again after the block");
            Assert.That(recovery.RulesAdded + recovery.RulesRemoved, Is.Zero, "the switches already held what the recovered intents want");
        }
    }

    private const string FirewallNetwork = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          fw1:
            kind: firewall
            attach: "s1:5"
            default: deny
            rules: [{action: allow, proto: udp, dport: 6000}]
        chains:
          - {id: guarded, match: {from: h1, to: h2}, through: [fw1]}
        traffic:
          - {id: old, from: h1, to: h2, kind: udp, port: 6000, rate: 500pps, size: 100}
          - {id: new, from: h1, to: h2, kind: udp, port: 7000, rate: 500pps, size: 100}
        """;

    /// <summary>
    /// fw1's rules are replaced at 100 ms (port 7000 allowed instead of 6000), the controller is killed at 200 ms, and at
    /// 300 ms the firewall instance itself restarts, holding no rules until the (new) controller sends them. Returns what
    /// each flow delivered at the sample times, and the firewall's applied version and rule count at the end.
    /// </summary>
    private (ScenarioRun Run, ControllerRecovery Recovery, Dictionary<int, (long Old, long New)> Delivered, long Version, int Rules) RunReplacedFirewall(string? state)
    {
        var topology = RunHarness.LoadText(FirewallNetwork);
        var options = new RunOptions { Duration = 600 * Ms, Controller = ControllerOptions.For(topology) with { StateDirectory = state } };
        var run = new ScenarioRun(topology, null, topology.Traffic, options);
        var delivered = new Dictionary<int, (long, long)>();
        long version = 0;
        var rules = 0;
        run.RestartControllerAt(200 * Ms);
        run.OnReady = network =>
        {
            var loop = network.Loop;
            var origin = loop.Now;
            var only7000 = new FirewallConfig(FirewallAction.Deny,
                [new FirewallRule(FirewallAction.Allow) { Protocol = TransportProtocol.Udp, DestinationPorts = PortRange.Single(7000) }]);
            loop.ScheduleAt(origin + 100 * Ms, () => run.Controller!.ReplaceFunctionConfig("fw1", only7000));
            loop.ScheduleAt(origin + 300 * Ms, () =>
            {
                network.SetFunctionState("fw1", false);
                network.SetFunctionState("fw1", true);
            });
            foreach (var t in new[] { 90, 150, 190, 250, 295, 350, 590 })
                loop.ScheduleAt(origin + t * Ms, () =>
                    delivered[t] = (network.Flows.Single(f => f.Spec.Id == "old").Delivered, network.Flows.Single(f => f.Spec.Id == "new").Delivered));
            loop.ScheduleAt(origin + 595 * Ms, () =>
            {
                var fw = network.FindFunction("fw1");
                version = fw.AppliedVersion;
                rules = Nfv.Southbound.FunctionAgent.Counters(fw.Function, 0).Rules.Length;
            });
        };
        var report = run.Execute();
        return (run, report.Recoveries.Single(), delivered, version, rules);
    }

    [Test]
    public void A_runtime_replaced_function_configuration_survives_a_controller_restart_with_its_version()
    {
        var (run, recovery, delivered, version, rules) = RunReplacedFirewall(_dir);
        using (run)
        {
            Assert.That((recovery.Persistent, recovery.Configs), Is.EqualTo((true, 1)), "the replacement was journalled and recovered");
            long Old(int from, int to) => delivered[to].Old - delivered[from].Old;
            long New(int from, int to) => delivered[to].New - delivered[from].New;
            Assert.That(delivered[90].Old, Is.GreaterThan(30), "before the replacement port 6000 passes");
            Assert.That(delivered[90].New, Is.Zero, "and port 7000 does not");
            Assert.That(Old(150, 590), Is.Zero, "after the replacement port 6000 never passes: not across the kill, not after the firewall's restart");
            Assert.That(New(150, 190), Is.GreaterThan(15), "port 7000 passes once replaced");
            Assert.That(New(250, 295), Is.GreaterThan(15), "and after the new controller took over");
            Assert.That(New(350, 590), Is.GreaterThan(100), "and after the firewall restarted and was given its rules again");

            var killedAt = run.ControllerEvents.OfType<IntentsRecoveredEvent>().Last().At;
            var fw = run.ControllerEvents.OfType<FunctionConfigurationApplied>().Where(a => a.FunctionId == "fw1").ToList();
            Assert.That(fw.Where(a => a.At < killedAt).Select(a => (a.Version, a.Reason)), Is.EqualTo(new[] { (1L, "initial"), (2L, "replace") }));
            Assert.That(fw.Where(a => a.At >= killedAt).Select(a => (a.Version, a.Reason)), Is.EqualTo(new[] { (2L, "restart") }),
                "the new controller pushed nothing while the instance ran version 2, then gave the restarted instance version 2 again");
            Assert.That((version, rules), Is.EqualTo((2L, 2)), "the replaced rules (allow 7000, default deny) in force at the end, under their version");
        }
    }

    [Test]
    public void Without_a_store_a_restarted_function_gets_the_topologys_rules_back()
    {
        // The control experiment: the new controller knows only the topology file, so the restarted instance is given
        // the rules the operator had replaced (port 6000 allowed, 7000 not), under version 1.
        var (run, recovery, _, version, _) = RunReplacedFirewall(null);
        using (run)
        {
            Assert.That((recovery.Persistent, recovery.Configs), Is.EqualTo((false, 0)));
            var last = run.ControllerEvents.OfType<FunctionConfigurationApplied>().Last(a => a.FunctionId == "fw1");
            Assert.That((last.Version, last.Reason, version), Is.EqualTo((1L, "restart", 1L)));
        }
    }

    [Test]
    public void Crashed_switch_and_function_actors_are_counted_by_kind_and_resync()
    {
        var topology = RunHarness.LoadText(IdsNetwork);
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        var metrics = new ControllerMetrics();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == ControllerMetrics.ActorRestarts) l.EnableMeasurementEvents(i);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var t in tags)
                if (t.Key == ControllerMetrics.ActorKindTag) counts[(string)t.Value!] = counts.GetValueOrDefault((string)t.Value!) + value;
        });
        listener.Start();
        var run = new ScenarioRun(topology, null, topology.Traffic, new RunOptions { Duration = 300 * Ms }, metrics);
        run.CrashSwitchActorAt(100 * Ms, "s1");
        run.OnReady = network => network.Loop.ScheduleAt(network.Loop.Now + 150 * Ms, () => run.Controller!.CrashFunctionActor("ids1"));
        var report = run.Execute();
        using (run)
        using (metrics)
        {
            Assert.That(counts.GetValueOrDefault("switch"), Is.EqualTo(1));
            Assert.That(counts.GetValueOrDefault("function"), Is.EqualTo(1));
            Assert.That(run.ControllerEvents.OfType<SwitchResynced>().Count(r => r.SwitchId == "s1" && r.At > report.Setup.ReadyAfter), Is.EqualTo(1),
                "the restarted switch actor re-synced its switch");
            Assert.That(run.ControllerEvents.OfType<FunctionActorRestarted>().Single().FunctionId, Is.EqualTo("ids1"));
            Assert.That(run.ControllerEvents.OfType<FunctionConfigurationApplied>().Count(f => f.FunctionId == "ids1"), Is.GreaterThanOrEqualTo(1));
            Assert.That(report.Totals.Lost, Is.Zero, "neither crash cost a packet");
        }
    }
}
