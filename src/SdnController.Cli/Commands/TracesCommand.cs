using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Telemetry.TraceFiles;
using SdnController.Telemetry.Waterfall;
using SdnController.Topology.Diagnostics;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl traces FILE [--trace ID] [--failure N] [--json] [--time auto|wall|virtual] [--width N]</c>: reads an
/// OTLP JSON trace file (ours or any collector's) and draws traces as terminal waterfalls. Without --trace or
/// --failure it lists every trace and draws the first failure's (else the first trace's).
/// Exit 0; 2 for a malformed file (file:line:col diagnostics) or a trace / failure that is not in it.
/// </summary>
public static class TracesCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "OTLP JSON trace file: one ExportTraceServiceRequest per line (sdnctl run --traces, the collector's file exporter)" };
        var trace = new Option<string?>("--trace") { Description = "Draw the trace with this id (hex; a unique prefix is enough)" };
        var failure = new Option<int?>("--failure") { Description = "Draw the N-th failure trace (root link.failure, switch.failure or nfv.failure) in start order, from 1" };
        var json = new Option<bool>("--json") { Description = "The span trees as JSON (docs/telemetry.md): the selected trace, else every trace" };
        var time = new Option<string>("--time")
        {
            Description = "Time axis: virtual (the run's clock), wall, or auto = virtual when every span has it, else wall",
            DefaultValueFactory = _ => "auto",
        };
        time.AcceptOnlyFromAmong("auto", "wall", "virtual");
        var width = new Option<int?>("--width") { Description = $"Columns to fit (default: $COLUMNS, else {WaterfallRenderer.DefaultWidth}; at least {WaterfallRenderer.MinWidth})" };
        var command = new Command("traces", "Show the traces of a run (OTLP JSON file) as terminal waterfalls") { file, trace, failure, json, time, width };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var traceId = parse.GetValue(trace);
            var failureNumber = parse.GetValue(failure);
            if (traceId is not null && failureNumber is not null) throw new UsageException("give --trace or --failure, not both");
            if (failureNumber is < 1) throw new UsageException($"--failure counts from 1, found {failureNumber}");
            if (traceId is not null && (traceId.Length is 0 or > 32 || !TraceIds.IsHex(traceId)))
                throw new UsageException($"--trace expects a trace id (up to 32 hexadecimal digits), found '{traceId}'");
            var columns = parse.GetValue(width) ?? TerminalWidth();
            if (columns < WaterfallRenderer.MinWidth) throw new UsageException($"--width must be at least {WaterfallRenderer.MinWidth}, found {columns}");
            var clock = parse.GetValue(time) switch { "wall" => TraceClockChoice.Wall, "virtual" => TraceClockChoice.Virtual, _ => TraceClockChoice.Auto };

            var contents = TraceFileReader.Read(path);
            if (contents.Errors.Count > 0)
            {
                DiagnosticPrinter.Print(contents.Errors.Select(e => Diagnostic.Error(e.Line > 0 ? new SourceLocation(e.File, e.Line, e.Column) : null, e.Message)));
                throw new InputRejectedException();
            }
            var forest = TraceForest.Build(contents.Spans);
            var selected = Select(forest, path, traceId, failureNumber);

            if (parse.GetValue(json))
            {
                JsonOutput.Write(w => TraceTreeJson.Write(w, path, forest, selected is null ? forest.Traces : [selected], clock));
                return ExitCodes.Success;
            }
            if (selected is null)
            {
                TraceListRenderer.Write(Console.Out, path, forest, clock, columns);
                var first = forest.Failures.Count > 0 ? forest.Failures[0] : forest.Traces.Count > 0 ? forest.Traces[0] : null;
                if (first is null) return ExitCodes.Success;
                Console.WriteLine();
                selected = first;
            }
            WaterfallRenderer.Write(Console.Out, selected, clock, columns, forest.Failures.Count);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The trace asked for, or null when neither option was given; a miss is a usage error (exit 2).</summary>
    private static Trace? Select(TraceForest forest, string path, string? traceId, int? failureNumber)
    {
        if (failureNumber is { } n)
        {
            if (n <= forest.Failures.Count) return forest.Failures[n - 1];
            throw new UsageException(forest.Failures.Count == 0
                ? $"--failure {n}: '{path}' has no failure trace (root link.failure, switch.failure or nfv.failure)"
                : $"--failure {n}: '{path}' has {forest.Failures.Count} failure trace{(forest.Failures.Count == 1 ? "" : "s")}");
        }
        if (traceId is null) return null;
        var found = forest.Find(traceId, out var matches);
        if (found is not null) return found;
        throw new UsageException(matches > 1
            ? $"--trace {traceId} matches {matches} traces in '{path}'; give more digits"
            : $"--trace {traceId}: no such trace in '{path}' ({forest.Traces.Count} traces; 'sdnctl traces {path}' lists them)");
    }

    private static int TerminalWidth() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c >= WaterfallRenderer.MinWidth
            ? c : WaterfallRenderer.DefaultWidth;
}
