using System.CommandLine;
using System.Globalization;
using SdnController.Capture;
using SdnController.Classification;
using SdnController.Classification.Reporting;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Topology.Scenarios;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl classify --pcap FILE... | --iface NAME [--filter BPF] [--duration T] [--json]</c>: flows of a capture with
/// their application protocol (by inspection, else by port) and traffic class, and totals.
/// </summary>
public static class ClassifyCommand
{
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var pcap = new Option<string[]>("--pcap")
        {
            Description = "Read pcap/pcapng files (several are classified together, as one capture)",
            AllowMultipleArgumentsPerToken = true,
        };
        var iface = new Option<string?>("--iface") { Description = "Capture live from interface NAME (needs root or CAP_NET_RAW)" };
        var filter = new Option<string?>("--filter") { Description = "Only frames matching this BPF filter (tcpdump syntax)" };
        var duration = new Option<string?>("--duration") { Description = "How long to capture with --iface, e.g. 30s (default 10s)" };
        var json = CommonOptions.Json();
        var command = new Command("classify", "Classify the traffic of a capture: flows, application protocols (nDPI names), traffic classes")
        {
            pcap, iface, filter, duration, json,
        };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(pcap) ?? [];
            var name = parse.GetValue(iface);
            if (files.Length == 0 && name is null) throw new UsageException("give --pcap FILE... or --iface NAME");
            if (files.Length > 0 && name is not null) throw new UsageException("--pcap and --iface cannot be combined");
            var length = DefaultDuration;
            if (parse.GetValue(duration) is { } d)
            {
                if (name is null) throw new UsageException("--duration applies to --iface only");
                if (!Durations.TryParse(d, out length, out var error)) throw new UsageException($"--duration {error}, found '{d}'");
                if (length <= TimeSpan.Zero) throw new UsageException($"--duration must be positive, found '{d}'");
            }

            // Files: one flow per 5-tuple for the whole file, as ndpiReader counts them; live: idle flows expire (bounded memory).
            var classifier = new Classifier(name is null ? ClassifierOptions.WholeCapture : ClassifierOptions.Default);
            FrameHandler handler = (frame, link, micros, wireLength) => classifier.Process(frame, link, micros, wireLength);
            try
            {
                if (name is not null)
                {
                    using var stop = new CancellationTokenSource();
                    ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
                    Console.CancelKeyPress += onCancel;
                    try { LiveCapture.Run(name, parse.GetValue(filter), length, handler, stop.Token); }
                    finally { Console.CancelKeyPress -= onCancel; }
                }
                else
                {
                    foreach (var file in files) PcapFileReader.Read(file, handler, parse.GetValue(filter));
                }
            }
            catch (CaptureException e)
            {
                Console.Error.WriteLine($"sdnctl: error: {e.Message}");
                return name is null ? ExitCodes.BadInput : ExitCodes.Failure;
            }

            var report = classifier.Report();
            if (parse.GetValue(json)) WriteJson(report);
            else WriteText(report);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(ClassificationReport report)
    {
        string[] headers = ["TRANSPORT", "SOURCE", "DESTINATION", "PROTOCOL", "APP", "METHOD", "CLASS", "PACKETS", "BYTES"];
        var rows = report.Flows.Select(f => new[]
        {
            f.Transport, f.Source, f.Destination, f.Protocol.Name(), f.App ?? f.Host ?? "-", MethodName(f.Method) ?? "-",
            Classification.Classes.TrafficClassNames.Name(f.Class), f.Packets.ToString(CultureInfo.InvariantCulture), f.Bytes.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(Row(headers, widths));
        foreach (var r in rows) Console.WriteLine(Row(r, widths));
        Console.WriteLine();
        Console.WriteLine($"{report.Flows.Count} flows, {report.Packets} packets, {report.Bytes} bytes" +
                          (report.UndecodedFrames > 0 ? $", {report.UndecodedFrames} frames not decoded" : "") +
                          (report.Fragments > 0 ? $", {report.Fragments} non-first fragments" : "") +
                          (report.UntrackedPackets > 0 ? $", {report.UntrackedPackets} packets of untracked flows (flow table full)" : ""));
        WriteTotals("PROTOCOL", report.ByProtocol);
        WriteTotals("CLASS", report.ByClass);
    }

    private static void WriteTotals(string title, IReadOnlyList<Total> totals)
    {
        Console.WriteLine();
        var width = Math.Max(title.Length, totals.Count == 0 ? 0 : totals.Max(t => t.Name.Length));
        Console.WriteLine($"{title.PadRight(width)}  {"FLOWS",7}  {"PACKETS",9}  {"BYTES",12}");
        foreach (var t in totals) Console.WriteLine($"{t.Name.PadRight(width)}  {t.Flows,7}  {t.Packets,9}  {t.Bytes,12}");
    }

    private static string Row(string[] cells, int[] widths)
    {
        var parts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
            parts[i] = i >= cells.Length - 2 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
        return string.Join("  ", parts).TrimEnd();
    }

    private static string? MethodName(DetectionMethod method) => method switch
    {
        DetectionMethod.Inspection => "inspection",
        DetectionMethod.Port => "port",
        _ => null,
    };

    private static void WriteJson(ClassificationReport report) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("flows");
        foreach (var f in report.Flows)
        {
            w.WriteStartObject();
            w.WriteString("transport", f.Transport);
            w.WriteString("src", f.Source);
            w.WriteString("dst", f.Destination);
            w.WriteString("protocol", f.Protocol.Name());
            w.WriteString("app", f.App);
            w.WriteString("method", MethodName(f.Method));
            w.WriteString("class", Classification.Classes.TrafficClassNames.Name(f.Class));
            w.WriteNumber("packets", f.Packets);
            w.WriteNumber("bytes", f.Bytes);
            w.WriteString("host", f.Host);
            w.WriteString("alpn", f.Alpn);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("totals");
        w.WriteNumber("flows", report.Flows.Count);
        w.WriteNumber("packets", report.Packets);
        w.WriteNumber("bytes", report.Bytes);
        w.WriteNumber("undecoded", report.UndecodedFrames);
        w.WriteNumber("fragments", report.Fragments);
        w.WriteNumber("untracked", report.UntrackedPackets);
        WriteTotals(w, "protocols", report.ByProtocol);
        WriteTotals(w, "classes", report.ByClass);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteTotals(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<Total> totals)
    {
        w.WriteStartObject(name);
        foreach (var t in totals)
        {
            w.WriteStartObject(t.Name);
            w.WriteNumber("flows", t.Flows);
            w.WriteNumber("packets", t.Packets);
            w.WriteNumber("bytes", t.Bytes);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
