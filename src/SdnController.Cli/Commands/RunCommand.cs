using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Scenarios;
using SdnController.Scenarios.Reporting;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using SdnController.Topology.Yaml;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl run TOPO [--scenario FILE] [--virtual|--realtime] [--duration T] [--seed N] [--json REPORT]
/// [--dump-flows FILE]</c>: the controller and the virtual network together; declared traffic flows, the
/// scenario's failures happen, the report says how the controller reacted and what the traffic saw.
/// Exit 0 when every `expect` check passed and no packet looped, 1 otherwise, 2 for bad input.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = CommonOptions.TopologyFile();
        var scenario = new Option<string?>("--scenario") { Description = "Scenario file (scenario: and optionally traffic:); replaces the topology file's scenario" };
        var virtualTime = new Option<bool>("--virtual") { Description = "Virtual time: deterministic and faster than real time (the default)" };
        var realTime = new Option<bool>("--realtime") { Description = "Real time: the run takes as long as its duration" };
        var duration = new Option<string?>("--duration") { Description = "Run length after the network is ready, e.g. 8s or 500ms (default: the scenario's, else 10s)" };
        var seed = new Option<int?>("--seed") { Description = "Seed for random failures and link loss (default: the scenario's, else 1)" };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON to REPORT ('-' = stdout instead of the text report)" };
        var dump = new Option<string?>("--dump-flows") { Description = "Write every switch's final rules, groups and port neighbours as JSON (docs/flow-dump.md)" };
        var hosts = CommonOptions.HostsPerSwitch();
        var command = new Command("run", "Run the controller on the virtual network: traffic, failures, rerouting, report")
        {
            file, scenario, virtualTime, realTime, duration, seed, json, dump, hosts,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(virtualTime) && parse.GetValue(realTime))
                throw new UsageException("--virtual and --realtime cannot be combined");
            var topology = TopologyInput.LoadOrReject(parse.GetValue(file)!, parse.GetValue(hosts));
            var (scen, traffic) = LoadScenario(parse.GetValue(scenario), topology);

            TimeSpan? length = null;
            if (parse.GetValue(duration) is { } d)
            {
                if (!Units.TryParseLatency(d, out var ms, out var error) || ms <= 0)
                    throw new UsageException($"--duration: {error ?? $"'{d}' must be a positive time, e.g. 8s"}");
                length = TimeSpan.FromMilliseconds(ms);
            }
            if (length is { } len && scen is not null)
                foreach (var e in scen.Events)
                    if (e.At >= len)
                        throw new UsageException($"--duration {parse.GetValue(duration)} ends before the scenario event at {e.At.TotalMilliseconds:0.###} ms{(e.Source is { } src ? $" ({src})" : "")}");

            var options = new RunOptions
            {
                VirtualTime = !parse.GetValue(realTime),
                Duration = length,
                Seed = parse.GetValue(seed),
            };
            RunReport report;
            using (var run = new ScenarioRun(topology, scen, traffic, options))
            {
                try
                {
                    report = run.Execute();
                }
                catch (RunFailedException e)
                {
                    Console.Error.WriteLine($"sdnctl: error: {e.Message}");
                    return ExitCodes.Failure;
                }
                if (parse.GetValue(dump) is { } dumpPath)
                    JsonOutput.WriteFile(dumpPath, w => FlowDumpWriter.Write(w, run.Network));
            }

            var jsonPath = parse.GetValue(json);
            if (jsonPath is not null) JsonOutput.WriteFile(jsonPath, w => RunReportJson.Write(w, report));
            if (jsonPath != "-") RunReportText.Write(Console.Out, report);
            return report.ExpectationsPassed && report.Totals.Looped == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static (Scenario?, IReadOnlyList<TrafficFlow>) LoadScenario(string? path, Topology.Model.Topology topology)
    {
        if (path is null) return (topology.Scenario, topology.Traffic);
        var bag = new DiagnosticBag();
        var file = ScenarioFileLoader.Load(path, topology, bag);
        // The scenario file's traffic adds to the topology's (ids must stay unique); its scenario replaces the topology's.
        var traffic = new List<TrafficFlow>(topology.Traffic);
        if (file is not null)
        {
            var ids = new Dictionary<string, TrafficFlow>(StringComparer.Ordinal);
            foreach (var f in topology.Traffic) ids[f.Id] = f;
            foreach (var f in file.Traffic)
            {
                if (ids.TryGetValue(f.Id, out var first))
                    bag.Error(f.Source, $"flow id '{f.Id}' is already declared in the topology file{(first.Source is { } at ? $" ({at})" : "")}; give this flow another id");
                traffic.Add(f);
            }
        }
        DiagnosticPrinter.Print(bag.Items);
        if (file is null || bag.ErrorCount() > 0) throw new InputRejectedException();
        return (file.Scenario ?? topology.Scenario, traffic);
    }
}
