using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SdnController.Cli.Commands.ClassifyBench;

/// <summary>
/// One run of nDPI's own reader, <c>ndpiReader -i FILE</c> (single thread for a file), timed by the wall clock
/// from process start to exit, plus the figures it reports itself: packets read and "nDPI throughput"
/// (packets over its packet processing time: libpcap reading and nDPI, without process start and setup).
/// </summary>
internal sealed partial record NdpiReaderRun(double WallSeconds, long? Packets, double? ReportedPacketsPerSecond, double? ProcessingMs, string? Version)
{
    public static NdpiReaderRun Run(string ndpiReader, string file)
    {
        // Without -q it prints its statistics (a page, no per-flow lines); -q would print nothing to parse.
        var psi = new ProcessStartInfo(ndpiReader) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-i");
        psi.ArgumentList.Add(file);
        var start = Stopwatch.GetTimestamp();
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (p.ExitCode != 0)
            throw new SdnController.Scenarios.RunFailedException($"ndpiReader -i {file} exited with {p.ExitCode}: {Last(stderr.Result + stdout)}");
        return Parse(stdout, wall);
    }

    /// <summary>The figures of ndpiReader's report (null where a version prints them differently).</summary>
    public static NdpiReaderRun Parse(string output, double wallSeconds)
    {
        var ic = CultureInfo.InvariantCulture;
        long? packets = PacketsTotal().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, ic) : null;
        double? pps = null;
        if (Throughput().Match(output) is { Success: true } t)
            pps = double.Parse(t.Groups[1].Value, ic) * t.Groups[2].Value switch { "K" => 1e3, "M" => 1e6, "G" => 1e9, _ => 1 };
        double? ms = ProcessingTime().Match(output) is { Success: true } pt ? double.Parse(pt.Groups[1].Value, ic) : null;
        var version = VersionLine().Match(output) is { Success: true } v ? v.Groups[1].Value : null;
        return new NdpiReaderRun(wallSeconds, packets, pps, ms, version);
    }

    private static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : lines[^1];
    }

    [GeneratedRegex(@"IP packets:\s+\d+\s+of\s+(\d+)\s+packets total")]
    private static partial Regex PacketsTotal();

    [GeneratedRegex(@"nDPI throughput:\s+([0-9.]+)\s*([KMG]?)\s*pps")]
    private static partial Regex Throughput();

    [GeneratedRegex(@"Packet Processing Time:\s+([0-9.]+)\s*msec")]
    private static partial Regex ProcessingTime();

    [GeneratedRegex(@"Using nDPI \(([^)]+)\)")]
    private static partial Regex VersionLine();
}
