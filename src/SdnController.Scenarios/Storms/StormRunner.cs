using System.Diagnostics;
using System.Text.Json;
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
    public static readonly TimeSpan End = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan BeforeEvent = TimeSpan.FromMilliseconds(1);

    public static StormResult Run(string zooPath, int seed)
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
        var result = Run(network, seed) with { Network = name };
        return result with { WallMs = wall.Elapsed.TotalMilliseconds };
    }

    public static StormResult Run(StormNetwork network, int seed)
    {
        var topology = network.Topology;
        var failure = StormFailure.Pick(network, seed);
        var result = new StormResult(topology.Name, seed)
        {
            Switches = topology.Switches.Count, Flows = topology.Traffic.Count, Chained = topology.Chains.Count > 0, Failure = failure,
        };
        byte[]? steady = null, failed = null, restored = null;
        try
        {
            var events = new List<ScenarioEvent>();
            if (failure is not null)
            {
                foreach (var l in failure.Links) events.Add(new LinkStateEvent(FailAt, l, false));
                events.Add(new SwitchStateEvent(FailAt, failure.Switch, false));
                foreach (var l in failure.Links) events.Add(new LinkStateEvent(RestoreAt, l, true));
                events.Add(new SwitchStateEvent(RestoreAt, failure.Switch, true));
            }
            var scenario = new Scenario(events) { Duration = End, Seed = seed };
            using var run = new ScenarioRun(topology, scenario, topology.Traffic, new RunOptions { Seed = seed });
            run.OnReady = net =>
            {
                var origin = net.Loop.Clock.Now;
                net.Loop.ScheduleAt(origin + FailAt - BeforeEvent, () => steady = Dump(net));
                net.Loop.ScheduleAt(origin + RestoreAt - BeforeEvent, () => failed = Dump(net));
                net.Loop.ScheduleAt(origin + End - BeforeEvent, () => restored = Dump(net));
            };
            run.Execute();
        }
        catch (Exception e)
        {
            return result with { Crash = $"{e.GetType().Name}: {e.Message}" };
        }
        if (steady is null || failed is null || restored is null)
            return result with { Crash = "the run ended before every dump was taken" };

        var steadyReport = Verify(topology, steady, Array.Empty<string>());
        var failedReport = failure is null ? null : Verify(topology, failed, failure.DownLinks(topology));
        var fresh = RuleSnapshot.Of(steady);
        return result with
        {
            Steady = steadyReport,
            AfterFailure = failedReport,
            RulesAtSteadyState = fresh.RuleCount,
            RestoreDifferences = RuleSnapshot.Of(restored).Differences(fresh),
        };
    }

    private static VerificationReport Verify(Topology.Model.Topology topology, byte[] dump, IReadOnlyList<string> down) =>
        Verifier.Verify(topology, FlowDumpReader.Read(dump, "storm dump"), down);

    /// <summary>The run's rules now, as `--dump-flows` writes them.</summary>
    public static byte[] Dump(SimulatedNetwork network)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) FlowDumpWriter.Write(w, network);
        return stream.ToArray();
    }
}
