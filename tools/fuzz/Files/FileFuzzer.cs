using System.Diagnostics;
using System.Text;
using SdnController.Fuzz.Common;

namespace SdnController.Fuzz.Files;

/// <summary>The file campaign: <c>count</c> mutated files, case i derived from (seed, i) alone.</summary>
public sealed class FileFuzzer
{
    private readonly FileSeeds _seeds;
    private readonly string _outDir;

    public FileFuzzer(FileSeeds seeds, string outDir)
    {
        _seeds = seeds;
        _outDir = outDir;
    }

    /// <summary>A case slower than this counts as a hang (reported, the campaign goes on).</summary>
    public TimeSpan SoftLimit { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>A case slower than this ends the process (it may never finish).</summary>
    public TimeSpan HardLimit { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Every n-th case goes through a real file on disk and the extension-dispatching loader.</summary>
    public int OnDiskEvery { get; init; } = 50;

    /// <summary>The mutated input of case <paramref name="index"/>: its loader and text (for replaying a reproducer).</summary>
    public (FileKind Kind, FileSeed Seed, string Text) Case(int seed, long index)
    {
        var rng = FuzzRng.For(seed, index);
        FileKind kind;
        if (_seeds.HasZoo)
        {
            var k = rng.Next(100);
            kind = k < 40 ? FileKind.TopologyYaml : k < 55 ? FileKind.ScenarioYaml : k < 80 ? FileKind.Graphml : FileKind.Gml;
        }
        else kind = rng.Next(100) < 75 ? FileKind.TopologyYaml : FileKind.ScenarioYaml;
        var pool = _seeds.ByKind[(int)kind];
        var s = pool[rng.Next(pool.Count)];
        return (kind, s, FileMutator.Mutate(s.Text, kind, rng, _seeds.All));
    }

    /// <summary>Print each case before running it (to find one that kills the process).</summary>
    public bool Verbose { get; init; }

    /// <param name="start">First case index: cases start..start+count-1 (a range of a larger run replays exactly).</param>
    public FileFuzzReport Run(int seed, long count, Action<string>? progress = null, long start = 0)
    {
        var report = new FileFuzzReport();
        var total = Stopwatch.StartNew();
        var tmp = Path.Combine(Path.GetTempPath(), $"sdnfuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(tmp);
        using var watchdog = new Watchdog(HardLimit);
        try
        {
            for (long i = start; i < start + count; i++)
            {
                var (kind, s, text) = Case(seed, i);
                if (Verbose) Console.Error.WriteLine($"case {i}: {kind} from {s.Name}, {text.Length:N0} chars");
                var fileName = $"fuzz-{i}-{Path.GetFileNameWithoutExtension(s.Name)}{FileKinds.Extension(kind)}";
                string? onDisk = null;
                if (OnDiskEvery > 0 && i % OnDiskEvery == 0)
                {
                    onDisk = Path.Combine(tmp, fileName);
                    File.WriteAllBytes(onDisk, Encoding.UTF8.GetBytes(text));
                }
                var index = i;
                watchdog.Begin(() => $"case {index} (seed {seed}, from {s.Name}); input saved to " +
                    Reproducer.Save(_outDir, "files", seed, index, FileKinds.Extension(kind), Encoding.UTF8.GetBytes(text)));
                var began = Stopwatch.GetTimestamp();
                var result = FileCaseRunner.Run(kind, text, fileName, _seeds.ScenarioTopology, onDisk);
                var ms = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
                watchdog.End();
                if (onDisk is not null) File.Delete(onDisk);

                report.Files++;
                report.FilesByKind[(int)kind]++;
                if (ms > report.SlowestMs)
                {
                    report.SlowestMs = ms;
                    report.SlowestCase = $"case {i}, {text.Length:N0} chars mutated from {s.Name}";
                }
                string? problem = null;
                switch (result.Outcome)
                {
                    case FileOutcome.Accepted: report.Accepted++; break;
                    case FileOutcome.Rejected: report.Rejected++; break;
                    case FileOutcome.Crash: report.Crashes++; problem = "crash: " + result.Problem; break;
                    default: report.BadDiagnostics++; problem = result.Problem; break;
                }
                if (ms > SoftLimit.TotalMilliseconds)
                {
                    report.Hangs++;
                    problem ??= $"took {ms:N0} ms (limit {SoftLimit.TotalMilliseconds:N0} ms)";
                }
                if (problem is not null)
                {
                    var path = Reproducer.Save(_outDir, "files", seed, i, FileKinds.Extension(kind), Encoding.UTF8.GetBytes(text));
                    var failure = new Failure("files", seed, i, $"{problem} (mutated from {s.Name})", path);
                    report.Failures.Add(failure);
                    progress?.Invoke("FAIL " + failure);
                }
                if (progress is not null && (i + 1) % 10_000 == 0) progress($"files: {i + 1 - start:N0}/{count:N0}, {total.Elapsed.TotalSeconds:N0} s");
            }
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
        report.Elapsed = total.Elapsed;
        return report;
    }
}
