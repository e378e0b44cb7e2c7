using System.Diagnostics;
using System.Text.Json;
using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;
using SdnController.Scenarios.Reporting;
using SdnController.Topology.Scenarios;
using SdnController.Verification.Checking;
using SdnController.Verification.Dump;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Storms;

/// <summary>
/// Runs one storm in virtual time: the network comes up with its declared traffic and chain; at
/// <see cref="FailAt"/> the failure set goes down at once (loud failures: ports lose carrier); at
/// <see cref="RestoreAt"/> everything comes back. The rules are dumped just before the failures (steady
/// state), just before the restore (converged under failure) and at the end (converged after the restore),
/// and checked by the independent verifier. "Equal to a fresh start" compares the final rules with the steady
/// state's, which is the fresh start of the same deterministic run (<see cref="RuleSnapshot"/> says what is
/// compared).
/// </summary>
public static class StormRunner
{
    public static readonly TimeSpan FailAt = TimeSpan.FromMilliseconds(100);
    /// <summary>The failures have this long (virtual) to converge before the rules are checked.</summary>
    public static readonly TimeSpan RestoreAt = TimeSpan.FromMilliseconds(400);
    /// <summary>The restore has this long (virtual) to converge before the final rules are taken.</summary>
    public static readonly TimeSpan DefaultRestoreSettle = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan BeforeEvent = TimeSpan.FromMilliseconds(1);

    public static StormResult Run(string zooPath, int seed, TimeSpan? restoreSettle = null, StormParts parts = StormParts.Both)
    {
        var wall = Stopwatch.StartNew();
        var name = Path.GetFileNameWithoutExtension(zooPath);
        StormNetwork? network;
        try
        {
            network = StormNetwork.Build(zooPath, seed, out var error);
            if (network is null) return new StormResult(name, seed) { Skipped = error, WallMs = wall.Elapsed.TotalMilliseconds };
        }
        catch (Exception e)
        {
            return new StormResult(name, seed) { Crash = $"import: {e.GetType().Name}: {e.Message}", WallMs = wall.Elapsed.TotalMilliseconds };
        }
        var result = Run(network, seed, restoreSettle, parts) with { Network = name };
        return result with { WallMs = wall.Elapsed.TotalMilliseconds };
    }

    public static StormResult Run(StormNetwork network, int seed, TimeSpan? restoreSettle = null, StormParts parts = StormParts.Both)
    {
        var end = RestoreAt + (restoreSettle ?? DefaultRestoreSettle);
        var topology = network.Topology;
        var failure = StormFailure.Pick(network, seed)?.Only(parts);
        var result = new StormResult(topology.Name, seed)
        {
            Switches = topology.Switches.Count, Flows = topology.Traffic.Count, Chained = topology.Chains.Count > 0, Failure = failure,
        };
        byte[]? steady = null, failed = null, restored = null;
        string? runReport = null;
        var untagged = 0;
        try
        {
            var events = new List<ScenarioEvent>();
            if (failure is not null)
            {
                foreach (var l in failure.Links) events.Add(new LinkStateEvent(FailAt, l, false));
                if (failure.Switch is not null) events.Add(new SwitchStateEvent(FailAt, failure.Switch, false));
                foreach (var l in failure.Links) events.Add(new LinkStateEvent(RestoreAt, l, true));
                if (failure.Switch is not null) events.Add(new SwitchStateEvent(RestoreAt, failure.Switch, true));
            }
            var scenario = new Scenario(events) { Duration = end, Seed = seed };
            using var run = new ScenarioRun(topology, scenario, topology.Traffic, new RunOptions { Seed = seed });
            run.OnReady = net =>
            {
                var origin = net.Loop.Clock.Now;
                net.Loop.ScheduleAt(origin + FailAt - BeforeEvent, () => steady = Dump(net));
                net.Loop.ScheduleAt(origin + RestoreAt - BeforeEvent, () => failed = Dump(net));
                net.Loop.ScheduleAt(origin + end - BeforeEvent, () => restored = Dump(net));
            };
            var report = run.Execute();
            foreach (var pass in report.Untagging) untagged += pass.Flows;
            var text = new StringWriter();
            RunReportText.Write(text, report);
            runReport = text.ToString();
        }
        catch (Exception e)
        {
            return result with { Crash = $"{e.GetType().Name}: {e.Message}" };
        }
        if (steady is null || failed is null || restored is null)
            return result with { Crash = "the run ended before every dump was taken" };

        // The same pairs in all three checks, so a pair that breaks under the failure is also seen before and after.
        var pairs = StormPairs.For(topology, seed);
        var steadyReport = Verify(topology, steady, Array.Empty<string>(), pairs);
        var failedReport = failure is null ? null : Verify(topology, failed, failure.DownLinks(topology), pairs);
        var restoredReport = failure is null ? null : Verify(topology, restored, Array.Empty<string>(), pairs);
        var fresh = RuleSnapshot.Of(steady);
        var back = RuleSnapshot.Of(restored);
        return result with
        {
            Steady = steadyReport,
            AfterFailure = failedReport,
            AfterRestore = restoredReport,
            RulesAtSteadyState = fresh.RuleCount,
            SteadyRules = fresh,
            RunReport = runReport,
            RestoredRules = back,
            LostFlows = Lost(network, steadyReport, null, out _) + Lost(network, failedReport, failure, out var closed) + Lost(network, restoredReport, null, out _),
            ClosedChains = closed,
            UntaggedFlows = untagged,
            RestoreDifferences = back.Differences(fresh),
        };
    }

    /// <summary>
    /// Declared flows the verifier found no rule for although their hosts are connected; a chained flow whose
    /// firewall the failure cuts off from either end is counted in <paramref name="closedChains"/> instead.
    /// </summary>
    private static int Lost(StormNetwork network, VerificationReport? report, StormFailure? failure, out int closedChains)
    {
        closedChains = 0;
        if (report is null) return 0;
        var topology = network.Topology;
        int[]? part = null;
        var lost = 0;
        foreach (var f in report.Unchecked)
        {
            // A chain failing closed drops at the ingress (the verifier's "blocked"); other declared flows have no
            // reason to be dropped or left without rules (the storm declares no IDS or policy blocks).
            if (f.Verdict is not (Verdict.NotInstalled or Verdict.Blocked) || f.Probe.Kind != ProbeKind.Flow) continue;
            if (network.FirewallSwitch is { } fw && f.Probe.To == network.Server && failure is not null)
            {
                part ??= Parts(topology, failure);
                var from = topology.IndexOfSwitch(topology.Hosts[topology.IndexOfHost(f.Probe.From)].Attachment.Node);
                var to = topology.IndexOfSwitch(topology.Hosts[topology.IndexOfHost(f.Probe.To)].Attachment.Node);
                var p = part[topology.IndexOfSwitch(fw)];
                if (part[from] != p || part[to] != p)
                {
                    closedChains++;
                    continue;
                }
            }
            lost++;
        }
        return lost;
    }

    /// <summary>
    /// Connected part of every switch with the failure applied, by switch index. The failed switch's links are all down,
    /// so it is a part of its own that no working switch shares.
    /// </summary>
    private static int[] Parts(Topology.Model.Topology topology, StormFailure failure)
    {
        var down = new HashSet<string>(failure.DownLinks(topology), StringComparer.Ordinal);
        var failed = new LinkSet(topology.Links.Count);
        for (var l = 0; l < topology.Links.Count; l++)
            if (down.Contains(topology.Links[l].Id)) failed.Add(l);
        return ComponentLabels.Of(CompactGraph.FromTopology(topology, PathMetric.Hop), failed).Label;
    }

    private static VerificationReport Verify(Topology.Model.Topology topology, byte[] dump, IReadOnlyList<string> down, VerifyOptions pairs) =>
        Verifier.Verify(topology, FlowDumpReader.Read(dump, "storm dump"), down, pairs);

    /// <summary>The run's rules now, as `--dump-flows` writes them.</summary>
    public static byte[] Dump(SimulatedNetwork network)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) FlowDumpWriter.Write(w, network);
        return stream.ToArray();
    }
}
