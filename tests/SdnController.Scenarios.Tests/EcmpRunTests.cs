using SdnController.Southbound.Rules;
using SdnController.Controller;
using SdnController.Scenarios.Reporting;
using SdnController.Testing;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// ECMP on the k=4 fat-tree: flows between pods spread over the core switches by select groups, every packet
/// arrives, a core link failure keeps the spread over the remaining cores, and updates stay per-packet
/// consistent (every packet on one version of one equal-cost path).
/// </summary>
public sealed class EcmpRunTests
{
    private static Topology.Model.Topology FatTree(bool ecmp, bool protection = false)
    {
        var yaml = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "topologies", "fat-tree-4.yaml"));
        var on = new List<string>();
        if (ecmp) on.Add("ecmp: on");
        if (protection) on.Add("protection: on");
        return RunHarness.LoadText(yaml + (on.Count == 0 ? "" : $"\ncontroller: {{{string.Join(", ", on)}}}\n"));
    }

    private const string Traffic = """
        traffic:
          - {from: "*", to: "*", rate: 40pps, size: 128}
        """;

    private static (RunReport Report, ConsistencyChecker Checker, Dictionary<string, long> CorePackets, string Text) Run(bool ecmp, string events, string[][] epochs, bool protection = false)
    {
        var topology = FatTree(ecmp, protection);
        var file = RunHarness.ScenarioText(topology, $"""
            scenario:
              duration: 3s
              events:
            {events}
            {Traffic}
            """);
        ConsistencyChecker? checker = null;
        var corePackets = new Dictionary<string, long>();
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic, new RunOptions { Controller = ControllerOptions.For(topology) }, r =>
        {
            checker = new ConsistencyChecker(r, topology, epochs);
            // Per core switch: traffic packets that crossed it (from the hop records of delivered packets).
            r.Network.PacketDelivered += (p, _) =>
            {
                foreach (var hop in p.Hops)
                {
                    var id = topology.Switches[hop].Id;
                    if (id.StartsWith('c')) corePackets[id] = corePackets.GetValueOrDefault(id) + 1;
                }
            };
        });
        using var _ = run;
        var text = RunHarness.Describe(report) + "\n" + string.Join("\n", checker!.Mixed.Take(20)) + "\ncore: " + string.Join(", ", corePackets.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}"));
        return (report, checker, corePackets, text);
    }

    [Test]
    public void Fat_tree_flows_spread_over_every_core_and_a_core_link_failure_keeps_the_spread_consistently()
    {
        var (report, checker, core, text) = Run(ecmp: true, """
                - {at: 1s, link: p1a1-c1, state: down}
                - {at: 2s, link: p1a1-c1, state: up}
            """, [[], ["p1a1-c1"]]);

        Assert.That(report.Setup.EcmpFlows, Is.GreaterThan(200), text);
        Assert.That(report.Setup.Groups, Is.GreaterThan(0), text);
        Assert.That(core.Keys.Order(), Is.EqualTo(new[] { "c1", "c2", "c3", "c4" }), "inter-pod traffic crosses all four cores");
        var mean = core.Values.Average();
        Assert.That(core.Values.Min(), Is.GreaterThan(mean / 3), text);
        Assert.That(checker.Mixed, Is.Empty, text);
        Assert.That(report.Totals.Looped, Is.Zero, text);
        Assert.That(checker.Drops, Is.Empty, "no packet meets a switch without its rule: " + text);
        Assert.That(report.Totals.Delivered, Is.EqualTo(report.Totals.Sent - report.Totals.Lost), text);
        // The select groups skip the dead branch at once; only packets already on the failed link are lost.
        Assert.That(report.Totals.Lost, Is.LessThan(report.Totals.Sent / 1000 + 20), text);
        var reaction = report.Changes[0].Reaction!;
        Assert.That(reaction.AffectedFlows, Is.GreaterThan(0), text);
        Assert.That(reaction.UpdateMethod, Is.EqualTo("two-phase"), text);
    }

    [Test]
    public void While_a_core_link_is_down_the_pod_still_spreads_over_the_other_cores()
    {
        var (report, checker, core, text) = Run(ecmp: true, """
                - {at: 0s, link: p1a1-c1, state: down}
            """, [[], ["p1a1-c1"]]);
        Assert.That(core.Keys.Order(), Is.EqualTo(new[] { "c1", "c2", "c3", "c4" }), text);
        Assert.That(checker.Mixed, Is.Empty, text);
        Assert.That(report.Totals.Looped, Is.Zero, text);
        Assert.That(report.Totals.Lost, Is.LessThan(20), text);
    }

    [Test]
    public void With_ecmp_off_each_flow_keeps_one_path_and_no_group()
    {
        var (report, checker, _, text) = Run(ecmp: false, """
                - {at: 1s, link: p1a1-c1, state: down}
            """, [[], ["p1a1-c1"]]);
        Assert.That(report.Setup.EcmpFlows, Is.Zero, text);
        Assert.That(report.Setup.Groups, Is.Zero, text);
        Assert.That(checker.Mixed, Is.Empty, text);
        Assert.That(RunHarness.DeterministicJson(report), Does.Not.Contain("ecmp_flows"));
    }

    [Test]
    public void With_protection_on_as_well_flows_are_protected_and_not_spread()
    {
        var topology = FatTree(ecmp: true, protection: true);
        var file = RunHarness.ScenarioText(topology, $$"""
            scenario:
              duration: 2s
              events:
                - {at: 1s, link: p1a1-c1, state: down}
            {{Traffic}}
            """);
        DataPlaneWatch? watch = null;
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic, new RunOptions { Controller = ControllerOptions.For(topology) },
            r => watch = new DataPlaneWatch(r.Network));
        using var _ = run;
        watch!.CountGroups(run.Network);
        var text = RunHarness.Describe(report) + "\n" + string.Join("\n", watch.Mixed.Take(10));

        Assert.That(report.Setup.EcmpFlows, Is.Zero, "protection wins: no flow is spread. " + text);
        Assert.That(watch.GroupsAt.Values.SelectMany(g => g).Any(g => g.Type == GroupType.Select), Is.False, text);
        Assert.That(watch.GroupsAt.Values.SelectMany(g => g).Any(g => g.Type == GroupType.FastFailover), Is.True, text);
        Assert.That(report.Protection, Is.Not.Null, text);
        Assert.That(report.Protection!.Flows, Is.GreaterThan(200), text);
        Assert.That(report.Protection.Protected, Is.EqualTo(report.Protection.Flows), "a fat-tree has a backup for every hop between switches. " + text);
        Assert.That(watch.Detoured, Is.Not.Empty, "flows over p1a1-c1 took their backups when it failed. " + text);
        Assert.That(watch.Mixed, Is.Empty, text);
        Assert.That(watch.Looped, Is.Zero, text);
    }
}
