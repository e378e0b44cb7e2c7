using SdnController.Fuzz.Cli;
using SdnController.Fuzz.Common;
using SdnController.Fuzz.Files;
using SdnController.Fuzz.Frames;

namespace SdnController.Fuzz;

/// <summary>
/// <c>sdnfuzz files|frames|cli|all [--count N] [--seed S] [--out DIR]</c>: runs a campaign and prints its totals.
/// Exit 0 when clean, 1 when any case failed (each printed with its seed, index and saved input), 2 on bad arguments,
/// 3 when the watchdog ended a hung case.
/// </summary>
public static class FuzzCommand
{
    public const long DefaultFiles = 100_000;
    public const long DefaultFrames = 10_000_000;
    public const long DefaultShellLines = 2_000;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: sdnfuzz files|frames|cli|all [--count N] [--seed S] [--start I] [--out DIR] [--verbose]\n       sdnfuzz replay FILE [--scenario]");
            Console.WriteLine($"  files   mutated topology/scenario/GraphML/GML files through the loaders (default {DefaultFiles:N0})");
            Console.WriteLine($"  frames  mutated frames through classifier, virtual switch and every NFV function (default {DefaultFrames:N0})");
            Console.WriteLine($"  cli     garbage shell lines into `sdnctl shell` and random argv into sdnctl (default {DefaultShellLines:N0} lines)");
            Console.WriteLine("  all     the three, with their defaults (--count is ignored)");
            return args.Length == 0 ? 2 : 0;
        }
        var campaign = args[0];
        if (campaign == "replay") return Replay(args);
        long? count = null;
        var seed = 1;
        long start = 0;
        var outDir = Path.Combine(Directory.GetCurrentDirectory(), "fuzz-out");
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--count": count = long.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--start": start = long.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--verbose": Verbose = true; break;
                    case "--out": outDir = Path.GetFullPath(Next()); break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine($"sdnfuzz: error: {e.Message}");
                return 2;
            }
        }
        if (count is < 1)
        {
            Console.Error.WriteLine("sdnfuzz: error: --count must be 1 or more");
            return 2;
        }
        void Progress(string line) => Console.Error.WriteLine(line);
        var failures = new List<Failure>();
        switch (campaign)
        {
            case "files": failures.AddRange(Files(count ?? DefaultFiles, seed, outDir, Progress, start)); break;
            case "frames": failures.AddRange(Frames(count ?? DefaultFrames, seed, outDir, Progress, start)); break;
            case "cli": failures.AddRange(Cli(count ?? DefaultShellLines, seed, outDir, Progress)); break;
            case "save":
            {
                // The input of file case --start under --seed, written without running it (for a case that kills the process).
                var (kind, from, text) = new FileFuzzer(FileSeeds.Load(), outDir).Case(seed, start);
                Console.WriteLine($"{Reproducer.Save(outDir, "files", seed, start, FileKinds.Extension(kind), System.Text.Encoding.UTF8.GetBytes(text))} (mutated from {from.Name})");
                return 0;
            }
            case "all":
                failures.AddRange(Files(DefaultFiles, seed, outDir, Progress));
                failures.AddRange(Frames(DefaultFrames, seed, outDir, Progress));
                failures.AddRange(Cli(DefaultShellLines, seed, outDir, Progress));
                break;
            default:
                Console.Error.WriteLine($"sdnfuzz: error: unknown campaign '{campaign}'; expected files, frames, cli or all");
                return 2;
        }
        if (failures.Count == 0) return 0;
        Console.WriteLine($"{failures.Count} failing case(s); replay one with the same --seed and the case index:");
        foreach (var f in failures.Take(50)) Console.WriteLine(f);
        return 1;
    }

    /// <summary><c>sdnfuzz replay FILE [--scenario]</c>: one saved file through its loader, with its diagnostics and time.</summary>
    private static int Replay(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("sdnfuzz: error: replay needs a file");
            return 2;
        }
        var path = args[1];
        var kind = args.Contains("--scenario") ? FileKind.ScenarioYaml
            : Path.GetExtension(path) switch { ".graphml" => FileKind.Graphml, ".gml" => FileKind.Gml, _ => FileKind.TopologyYaml };
        var seeds = FileSeeds.Load(includeZoo: false);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var bag = new SdnController.Topology.Diagnostics.DiagnosticBag();
        var result = FileCaseRunner.Run(kind, File.ReadAllText(path), path, seeds.ScenarioTopology, onDiskPath: path);
        Console.WriteLine($"{result.Outcome} in {sw.Elapsed.TotalMilliseconds:N1} ms{(result.Problem is null ? "" : ": " + result.Problem)}");
        return result.Outcome is FileOutcome.Accepted or FileOutcome.Rejected ? 0 : 1;
    }

    private static bool Verbose;

    private static List<Failure> Files(long count, int seed, string outDir, Action<string> progress, long start = 0)
    {
        var report = new FileFuzzer(FileSeeds.Load(), outDir) { Verbose = Verbose }.Run(seed, count, progress, start);
        Console.WriteLine($"== files (seed {seed})");
        foreach (var l in report.Lines()) Console.WriteLine(l);
        return report.Failures;
    }

    private static List<Failure> Frames(long count, int seed, string outDir, Action<string> progress, long start = 0)
    {
        var report = new FrameFuzzer(FrameSeeds.Load(), outDir).Run(seed, count, progress, start);
        Console.WriteLine($"== frames (seed {seed})");
        foreach (var l in report.Lines()) Console.WriteLine(l);
        return report.Failures;
    }

    private static List<Failure> Cli(long lines, int seed, string outDir, Action<string> progress)
    {
        var report = new CliFuzzer(CliFuzzer.DefaultSdnctl(), outDir).Run(seed, lines, argvRuns: (int)Math.Max(10, lines / 10), progress);
        Console.WriteLine($"== cli (seed {seed})");
        foreach (var l in report.Lines()) Console.WriteLine(l);
        return report.Failures;
    }
}
