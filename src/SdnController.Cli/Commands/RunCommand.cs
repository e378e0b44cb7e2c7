using SdnController.Controller;
using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Scenarios;
using SdnController.Scenarios.Capture;
using SdnController.Scenarios.Reporting;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using SdnController.Topology.Yaml;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl run TOPO [--scenario FILE] [--virtual|--realtime] [--duration T] [--seed N] [--json REPORT]
/// [--dump-flows FILE] [--traces FILE] [--otlp-endpoint URL [--otlp-protocol grpc|http/protobuf]]
/// [--metrics-port N [--metrics-host HOST] [--metrics-hold DURATION|forever]] [--capture LINK[,LINK]|all [--capture-dir DIR]]</c>: the controller and the virtual network together; declared traffic flows, the
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
        var capture = new Option<string?>("--capture") { Description = "Write a pcap per link: topology link ids or host ids (a host's access link), comma-separated, or 'all' (docs/capture.md)" };
        var captureDir = new Option<string?>("--capture-dir") { Description = $"Directory for --capture's files, one LINK.pcap each (default: {LinkCaptureRequest.DefaultDirectory})" };
        var state = new Option<string?>("--state") { Description = "Durable state: journal the controller's intents in DIR/intents.db (SQLite) and recover them at start and after `controller: restart` (docs/reliability.md)" };
        var tracing = new TraceExportOptions();
        var metricsOptions = MetricsServing.CreateOptions();
        var command = new Command("run", "Run the controller on the virtual network: traffic, failures, rerouting, report")
        {
            file, scenario, virtualTime, realTime, duration, seed, json, dump, hosts, capture, captureDir, state,
        };
        tracing.AddTo(command);
        foreach (var option in metricsOptions.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(virtualTime) && parse.GetValue(realTime))
                throw new UsageException("--virtual and --realtime cannot be combined");
            var traceOptions = tracing.Resolve(parse);
            var topology = TopologyInput.LoadOrReject(parse.GetValue(file)!, parse.GetValue(hosts));
            var (scen, traffic) = LoadScenario(parse.GetValue(scenario), topology);

            TimeSpan? length = null;
            if (parse.GetValue(duration) is { } d)
            {
                if (!Durations.TryParse(d, out var value, out var error))
                    throw new UsageException($"--duration {error}, found '{d}'");
                if (value < TimeSpan.FromMilliseconds(1) || value > MaxDuration)
                    throw new UsageException($"--duration must be between 1ms and {Durations.Format(MaxDuration)}, found '{d}'");
                length = value;
            }
            var runLength = length ?? scen?.Duration ?? RunOptions.DefaultDuration;
            if (scen is not null) CheckEventsFit(scen, runLength, length is not null ? $"--duration {parse.GetValue(duration)}" : "the run");

            RealHostRun.Check(topology, parse.GetValue(realTime), scen, traffic);

            var jsonPath = parse.GetValue(json);
            var dumpPath = parse.GetValue(dump);
            if (jsonPath == "-" && dumpPath == "-")
                throw new UsageException("--json - and --dump-flows - would both write to stdout; send one of them to a file");

            var captureRequest = CaptureRequest(parse.GetValue(capture), parse.GetValue(captureDir), topology);
            var options = new RunOptions
            {
                VirtualTime = !parse.GetValue(realTime),
                Duration = length,
                Seed = parse.GetValue(seed),
                Capture = captureRequest,
                Controller = parse.GetValue(state) is { } stateDir ? ControllerOptions.For(topology) with { StateDirectory = stateDir } : null,
            };
            // The meters outlive the run: --metrics-hold serves the final values after it.
            using var metrics = MetricsServing.Start(parse, metricsOptions);
            RunReport report;
            var traces = TraceExportOptions.Start(traceOptions);
            try
            {
                // Disposed before the report is printed: pings still in flight resolve while the loop winds down.
                using var run = new ScenarioRun(topology, scen, traffic, options, metrics?.Controller, metrics?.DataPlane);
                // Namespaces for real: true hosts (none otherwise); removed before the run is disposed.
                using var realHosts = RealHostRun.Start(run);
                report = run.Execute();
                if (run.Capture is { } written)
                    foreach (var f in written.Files) Console.Error.WriteLine($"capture: {f.Path}: {f.Frames} frames on link {f.LinkId}");
                if (dumpPath is not null)
                    JsonOutput.WriteFile(dumpPath, w => FlowDumpWriter.Write(w, run.Network));
            }
            finally
            {
                TraceExportOptions.Finish(traces);
            }

            if (jsonPath is not null) JsonOutput.WriteFile(jsonPath, w => RunReportJson.Write(w, report));
            // stdout carries one document: the text report only when no JSON goes there.
            if (jsonPath != "-" && dumpPath != "-") RunReportText.Write(Console.Out, report);
            Console.Out.Flush();
            metrics?.HoldAfterRun();
            return report.ExpectationsPassed && report.Totals.Looped == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static LinkCaptureRequest? CaptureRequest(string? spec, string? directory, Topology.Model.Topology topology)
    {
        if (spec is null)
        {
            if (directory is not null) throw new UsageException("--capture-dir needs --capture LINK[,LINK]");
            return null;
        }
        var request = LinkCaptureRequest.Parse(spec, directory, out var error) ?? throw new UsageException(error!);
        if (request.Resolve(topology, out error) is null) throw new UsageException(error!);
        return request;
    }

    /// <summary>Longest run accepted: a day of network time.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <summary>Every event, and every step a flap or a random failure's repair expands into, must happen before the run ends.</summary>
    private static void CheckEventsFit(Scenario scenario, TimeSpan runLength, string what)
    {
        foreach (var e in scenario.Events)
        {
            var last = e switch
            {
                LinkFlapEvent f => f.At + f.Period * (f.Count - 1) + f.Period / 2,
                RandomLinkFailuresEvent { RestoreAfter: { } after } r => r.At + after,
                _ => e.At,
            };
            if (last < runLength) continue;
            var where = e.Source is { } src ? $" ({src})" : "";
            throw new UsageException(last == e.At
                ? $"{what} ends at {Durations.Format(runLength)}, not after the scenario event at {Durations.Format(e.At)}{where}"
                : $"{what} ends at {Durations.Format(runLength)}, before the event at {Durations.Format(e.At)}{where} finishes (its last step is at {Durations.Format(last)})");
        }
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
