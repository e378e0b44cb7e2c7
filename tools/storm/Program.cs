using System.Diagnostics;
using System.Text.Json;
using SdnController.Scenarios.Storms;

// storm [--zoo DIR] [--networks all|N|NAME,NAME] [--seeds N] [--first-seed S] [--time-limit MINUTES] [--json FILE] [--quiet] [--details] [--settle-ms MS] [--fail both|links|switch]
// --settle-ms: how long (virtual) the restore converges before the final rules are taken (default 1500: the untagging pass waits for 200 ms of quiet after the last change).
// --fail: only the links or only the switch of each failure set, to isolate what a finding needs.
// --details: every violation and up to 400 restore differences per finding, not just the first few.
// Runs every chosen Topology Zoo network under --seeds failure storms (docs/reliability.md, "Failure storms")
// and prints the totals. Exit 0 when clean, 1 when a storm found something, 2 for bad arguments.
return StormCommand.Main(args);

internal static class StormCommand
{
    private const string Usage =
        "usage: storm [--zoo DIR] [--networks all|N|NAME,NAME] [--seeds N] [--first-seed S] [--time-limit MINUTES] [--json FILE] [--quiet] [--details] [--settle-ms MS] [--fail both|links|switch]";

    public static int Main(string[] args)
    {
        string? zoo = null, networks = "all", json = null;
        int seeds = 3, firstSeed = 1;
        double? limitMinutes = null;
        var quiet = false;
        var details = false;
        TimeSpan? settle = null;
        var parts = StormParts.Both;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--zoo": zoo = Value(); break;
                    case "--networks": networks = Value(); break;
                    case "--seeds": seeds = PositiveInt("--seeds", Value()); break;
                    case "--first-seed": firstSeed = PositiveInt("--first-seed", Value()); break;
                    case "--time-limit":
                        var v = Value();
                        limitMinutes = double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0
                            ? m : throw new ArgumentException($"--time-limit takes minutes > 0, found '{v}'");
                        break;
                    case "--json": json = Value(); break;
                    case "--quiet": quiet = true; break;
                    case "--details": details = true; break;
                    case "--fail":
                        var f = Value();
                        parts = f switch { "both" => StormParts.Both, "links" => StormParts.Links, "switch" => StormParts.Switch,
                            _ => throw new ArgumentException($"--fail takes both, links or switch, found '{f}'") };
                        break;
                    case "--settle-ms": settle = TimeSpan.FromMilliseconds(PositiveInt("--settle-ms", Value())); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"unknown argument '{args[i]}'");
                }
            }
            zoo ??= DefaultZoo();
            var files = Select(zoo, networks!);
            return Run(files, seeds, firstSeed, limitMinutes, json, quiet, details, settle, parts);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"storm: {e.Message}\n{Usage}");
            return 2;
        }
    }

    private static int Run(List<string> files, int seeds, int firstSeed, double? limitMinutes, string? json, bool quiet, bool details, TimeSpan? settle, StormParts parts)
    {
        var totals = new StormTotals();
        var wall = Stopwatch.StartNew();
        var planned = files.Count * seeds;
        var stoppedEarly = false;
        // Seed-major: with a time limit, every network gets its first seed before any gets a second.
        for (var s = 0; s < seeds && !stoppedEarly; s++)
            foreach (var file in files)
            {
                if (limitMinutes is { } limit && wall.Elapsed.TotalMinutes >= limit) { stoppedEarly = true; break; }
                var result = StormRunner.Run(file, firstSeed + s, settle, parts);
                totals.Add(result);
                if (!result.Clean) Console.WriteLine(StormText.Describe(result, details ? 100 : 3));
                else if (!quiet) Console.WriteLine(result.ToString());
                if (details && !result.Clean && result.RunReport is not null) Console.WriteLine(result.RunReport);
                if (details && result.RestoreDifferences.Count > 0)
                    foreach (var d in result.RestoredRules!.Differences(result.SteadyRules!, 400)) Console.WriteLine("  all: " + d);
            }
        totals.WallSeconds = wall.Elapsed.TotalSeconds;
        Console.WriteLine();
        if (stoppedEarly) Console.WriteLine($"stopped at the {limitMinutes} min time limit after {totals.Runs} of {planned} runs");
        Console.WriteLine(totals.Summary());
        Console.WriteLine(totals.Clean ? "CLEAN" : $"FOUND {totals.Findings.Count} runs with findings");
        if (json is not null)
        {
            using var stream = File.Create(json);
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            totals.WriteJson(w);
        }
        return totals.Clean ? 0 : 1;
    }

    /// <summary>GraphML files of the chosen networks: all, the first N by size (smallest first), or by name.</summary>
    private static List<string> Select(string zoo, string networks)
    {
        var dir = Path.Combine(zoo, "graphml");
        if (!Directory.Exists(dir)) throw new ArgumentException($"no Topology Zoo at '{zoo}' (expected {dir}); pass --zoo DIR");
        var all = Directory.GetFiles(dir, "*.graphml");
        // Size order (file length) puts the quick ones first, so a time limit covers as many networks as it can.
        Array.Sort(all, (a, b) => new FileInfo(a).Length.CompareTo(new FileInfo(b).Length));
        if (networks == "all") return all.ToList();
        if (int.TryParse(networks, out var n))
        {
            if (n <= 0) throw new ArgumentException($"--networks N must be > 0, found '{networks}'");
            // Spread over the sizes rather than only the smallest.
            var picked = new List<string>();
            for (var i = 0; i < n && i < all.Length; i++) picked.Add(all[(int)((long)i * all.Length / Math.Min(n, all.Length))]);
            return picked;
        }
        var byName = all.ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase);
        var chosen = new List<string>();
        foreach (var name in networks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            chosen.Add(byName.TryGetValue(name, out var f) ? f : throw new ArgumentException($"no network '{name}' in {dir}"));
        return chosen;
    }

    private static string DefaultZoo()
    {
        var env = Environment.GetEnvironmentVariable("SDNCONTROLLER_SHARED_DATA");
        if (env is not null) return Path.Combine(env, "topologyzoo");
        // tools/storm/bin/... or the repository root: ../shared/data next to the repository.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SdnController.sln")))
                return Path.Combine(dir.FullName, "..", "shared", "data", "topologyzoo");
        return Path.Combine("..", "shared", "data", "topologyzoo");
    }

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value, out var v) && v > 0 ? v : throw new ArgumentException($"{option} takes a whole number > 0, found '{value}'");
}
