using SdnController.Cli.Input;
using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Commands.ClassifyBench;
using SdnController.Cli.Output;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl bench classify [--pcap FILE | --source DIR] [--repeat N] [--runs R] [--json]</c>: packets per second our
/// classifier handles on one thread, next to nDPI's <c>ndpiReader</c> on the same file in the same run.
/// </summary>
public static class ClassifyBenchCommand
{
    public static Command Create()
    {
        var pcap = new Option<string?>("--pcap") { Description = "Time this capture instead of building one" };
        var source = new Option<string?>("--source") { Description = $"Captures to merge (default: ../shared/data/{BenchInput.NdpiDevRelativePath} or $SDNCONTROLLER_SHARED_DATA)" };
        var repeat = new Option<int>("--repeat") { Description = "How many times the captures are concatenated into the input", DefaultValueFactory = _ => 100 };
        var runs = new Option<int>("--runs") { Description = "Timed runs of each side (median reported)", DefaultValueFactory = _ => 3 };
        var noNdpi = new Option<bool>("--no-ndpi") { Description = "Time ours only, even when ndpiReader is installed" };
        var json = CommonOptions.Json();
        var command = new Command("classify", "Packets/s classified on one thread from a large pcap, next to nDPI's ndpiReader on the same file")
        {
            pcap, source, repeat, runs, noNdpi, json,
        };
        command.SetAction(parse =>
        {
            var repeats = parse.GetValue(repeat);
            var runCount = parse.GetValue(runs);
            if (repeats < 1) throw new UsageException("--repeat must be 1 or more");
            if (runCount < 1) throw new UsageException("--runs must be 1 or more");
            var given = parse.GetValue(pcap);
            if (given is not null && parse.GetValue(source) is not null) throw new UsageException("--pcap and --source cannot be combined");
            if (given is not null && !File.Exists(given)) throw new UsageException($"--pcap {given}: no such file");

            string? temp = null;
            try
            {
                string file, input, builtWith;
                int sources;
                if (given is not null)
                {
                    (file, input, builtWith, sources) = (given, given, "given", 1);
                    repeats = 1;
                }
                else
                {
                    var dir = parse.GetValue(source) ?? FindNdpiDev() ?? throw new UsageException(
                        $"no input: give --pcap FILE or --source DIR (looked for ../shared/data/{BenchInput.NdpiDevRelativePath} above the current folder and in $SDNCONTROLLER_SHARED_DATA)");
                    temp = Path.Combine(Path.GetTempPath(), $"sdnctl-bench-classify-{Environment.ProcessId}.pcap");
                    var files = BenchInput.Sources(dir);
                    sources = files.Count;
                    // The in-memory timing holds the whole file in one array: refuse before writing gigabytes.
                    var estimate = files.Sum(f => new FileInfo(f).Length) * (long)repeats;
                    if (estimate > int.MaxValue)
                        throw new UsageException($"--repeat {repeats} would build about {estimate / 1e9:F1} GB; the in-memory timing holds at most 2 GB, use a smaller --repeat");
                    Console.Error.WriteLine($"bench classify: merging {sources} captures of {dir} {repeats} times into {temp}");
                    builtWith = BenchInput.Build(dir, repeats, temp);
                    (file, input) = (temp, dir);
                }
                var ndpiReader = parse.GetValue(noNdpi) ? null : ExternalTool.Find("ndpiReader");
                var result = Measure(file, runCount, ndpiReader);
                var r = result with { Input = input, BuiltWith = builtWith, Copies = repeats, Sources = sources,
                    NdpiMissing = ndpiReader is null ? (parse.GetValue(noNdpi) ? "--no-ndpi" : "ndpiReader not installed (Debian libndpi-bin; make setup installs it)") : null };
                if (parse.GetValue(json)) WriteJson(r);
                else WriteText(r);
                return ExitCodes.Success;
            }
            finally
            {
                if (temp is not null) File.Delete(temp);
            }
        });
        return command;
    }

    private static ClassifyBenchResult Measure(string file, int runs, string? ndpiReader)
    {
        var readTimes = new List<double>();
        var classifyTimes = new List<double>();
        var ndpiRuns = new List<NdpiReaderRun>();
        long packets = 0;
        var flows = 0;
        var timing = new ClassifierTiming();
        timing.Load(file);
        // One untimed pass of each: the first would otherwise run the reader and classifier as unoptimised tier-0 code.
        ClassifierTiming.ReadAndClassify(file);
        timing.ClassifyLoaded();
        // Alternate the sides run by run so a load change on the machine hits both alike.
        for (var i = 0; i < runs; i++)
        {
            var (seconds, classifier) = ClassifierTiming.ReadAndClassify(file);
            readTimes.Add(seconds);
            packets = classifier.Packets;
            flows = classifier.FlowCount;
            var (alone, again) = timing.ClassifyLoaded();
            classifyTimes.Add(alone);
            if (again.Packets != packets || again.FlowCount != flows)
                throw new InvalidOperationException($"in-memory run saw {again.Packets} packets / {again.FlowCount} flows, the file run {packets} / {flows}");
            if (ndpiReader is not null) ndpiRuns.Add(NdpiReaderRun.Run(ndpiReader, file));
        }
        NdpiReaderSummary? ndpi = null;
        if (ndpiRuns.Count > 0)
        {
            var wall = Median(ndpiRuns.Select(n => n.WallSeconds));
            var reported = ndpiRuns.All(n => n.ReportedPacketsPerSecond is not null) ? Median(ndpiRuns.Select(n => n.ReportedPacketsPerSecond!.Value)) : (double?)null;
            ndpi = new NdpiReaderSummary(ndpiRuns[0].Version, ndpiRuns[0].Packets, wall, packets / wall, reported);
        }
        return new ClassifyBenchResult("", "", 0, 0, packets, timing.Bytes, flows, runs, Median(readTimes), Median(classifyTimes), ndpi, null);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>The ndpi-dev captures in $SDNCONTROLLER_SHARED_DATA, else in shared/data next to the current folder or any folder above it.</summary>
    private static string? FindNdpiDev()
    {
        var env = Environment.GetEnvironmentVariable("SDNCONTROLLER_SHARED_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            var p = Path.Combine(env, BenchInput.NdpiDevRelativePath);
            return Directory.Exists(p) ? p : null;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "shared", "data", BenchInput.NdpiDevRelativePath);
            if (Directory.Exists(p)) return p;
        }
        return null;
    }

    private static void WriteJson(ClassifyBenchResult r) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("input", r.Input);
        w.WriteString("built_with", r.BuiltWith);
        w.WriteNumber("sources", r.Sources);
        w.WriteNumber("copies", r.Copies);
        w.WriteNumber("packets", r.Packets);
        w.WriteNumber("bytes", r.Bytes);
        w.WriteNumber("runs", r.Runs);
        w.WriteStartObject("sdnctl");
        w.WriteNumber("flows", r.Flows);
        JsonOutput.Number(w, "read_classify_seconds", r.ReadClassifySeconds);
        JsonOutput.Number(w, "read_classify_packets_per_second", r.ReadClassifyPps);
        JsonOutput.Number(w, "classify_seconds", r.ClassifySeconds);
        JsonOutput.Number(w, "classify_packets_per_second", r.ClassifyPps);
        w.WriteEndObject();
        if (r.Ndpi is { } n)
        {
            w.WriteStartObject("ndpi_reader");
            if (n.Version is not null) w.WriteString("version", n.Version);
            if (n.Packets is { } p) w.WriteNumber("packets", p);
            JsonOutput.Number(w, "wall_seconds", n.WallSeconds);
            JsonOutput.Number(w, "wall_packets_per_second", n.WallPps);
            if (n.ReportedPps is { } rp) JsonOutput.Number(w, "reported_packets_per_second", rp);
            w.WriteEndObject();
            JsonOutput.Number(w, "ratio_read_classify", r.ReadClassifyPps / n.AnchorPps);
            JsonOutput.Number(w, "ratio_classify", r.ClassifyPps / n.AnchorPps);
            w.WriteString("target", r.ReadClassifyPps >= n.AnchorPps ? "met" : "NOT met");
        }
        else
        {
            w.WriteNull("ndpi_reader");
            w.WriteString("ndpi_reader_missing", r.NdpiMissing);
        }
        w.WriteEndObject();
    });

    private static void WriteText(ClassifyBenchResult r)
    {
        var ic = CultureInfo.InvariantCulture;
        var what = r.BuiltWith == "given" ? r.Input : $"{r.Sources} captures of {r.Input} concatenated {r.Copies}x (built with {r.BuiltWith})";
        Console.WriteLine(string.Format(ic, "Classification on one thread: {0}: {1:N0} packets, {2:F1} MB; median of {3} run(s)", what, r.Packets, r.Bytes / 1e6, r.Runs));
        var anchor = r.Ndpi?.AnchorPps;
        Console.WriteLine(string.Format(ic, "  {0,-44} {1,14}  {2}", "", "packets/s", anchor is null ? "" : "vs ndpiReader"));
        void Row(string name, double pps, string note) =>
            Console.WriteLine(string.Format(ic, "  {0,-44} {1,12:N0}/s  {2}", name, pps, anchor is { } a ? string.Format(ic, "{0,5:F2}x  {1}", pps / a, note) : note));
        Row("sdnctl: read (SharpPcap) + classify", r.ReadClassifyPps, anchor is { } t ? (r.ReadClassifyPps >= t ? "target (at least ndpiReader): met" : "target (at least ndpiReader): NOT met") : "");
        Row("sdnctl: classify alone (frames in memory)", r.ClassifyPps, "");
        if (r.Ndpi is { } n)
        {
            if (n.ReportedPps is { } rp) Row($"ndpiReader {n.Version}: its own throughput figure", rp, "(the anchor: reading + nDPI, no process start/setup)");
            Row("ndpiReader: wall clock, process start to exit", n.WallPps, n.ReportedPps is null ? "(the anchor: it printed no throughput figure)" : "");
            if (n.Packets is { } p && p != r.Packets) Console.WriteLine($"  note: ndpiReader counted {p:N0} packets, sdnctl {r.Packets:N0}");
        }
        else Console.WriteLine($"  ndpiReader: not run — {r.NdpiMissing}");
        Console.WriteLine(string.Format(ic, "  sdnctl tracked {0:N0} flows", r.Flows));
    }
}

internal sealed record NdpiReaderSummary(string? Version, long? Packets, double WallSeconds, double WallPps, double? ReportedPps)
{
    /// <summary>What sdnctl is held to: ndpiReader's own figure (excludes its start-up) when it printed one.</summary>
    public double AnchorPps => ReportedPps ?? WallPps;
}

internal sealed record ClassifyBenchResult(string Input, string BuiltWith, int Copies, int Sources, long Packets, long Bytes, int Flows, int Runs,
    double ReadClassifySeconds, double ClassifySeconds, NdpiReaderSummary? Ndpi, string? NdpiMissing)
{
    public double ReadClassifyPps => Packets / ReadClassifySeconds;
    public double ClassifyPps => Packets / ClassifySeconds;
}
