using SdnController.Cli.Input;
using System.Diagnostics;
using SdnController.Capture;

namespace SdnController.Cli.Commands.ClassifyBench;

/// <summary>
/// The large input of `bench classify`: every capture of a folder (sorted by name), concatenated <c>copies</c>
/// times into one classic pcap — with Wireshark's <c>mergecap -a</c> when installed, else with our own
/// <see cref="PcapWriter"/> (same frames, same order). Flows repeat across copies, as traffic replayed.
/// </summary>
internal static class BenchInput
{
    /// <summary>Where the ndpi-dev captures live under the shared data root.</summary>
    public const string NdpiDevRelativePath = "pcap/ndpi-dev/pcap";

    /// <summary>Builds the file; returns which tool built it ("mergecap" or "sdnctl").</summary>
    public static string Build(string sourceDirectory, int copies, string output)
    {
        var sources = Sources(sourceDirectory);
        if (ExternalTool.Find("mergecap") is { } mergecap && MergeWithMergecap(mergecap, sources, copies, output)) return "mergecap";
        MergeOurselves(sources, copies, output);
        return "sdnctl";
    }

    public static List<string> Sources(string directory)
    {
        if (!Directory.Exists(directory)) throw new UsageException($"--source {directory}: no such folder");
        var files = Directory.GetFiles(directory).Where(f => f.EndsWith(".pcap", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".pcapng", StringComparison.OrdinalIgnoreCase)).ToList();
        files.Sort(StringComparer.Ordinal);
        if (files.Count == 0) throw new UsageException($"--source {directory}: no .pcap or .pcapng files in it");
        return files;
    }

    private static bool MergeWithMergecap(string mergecap, List<string> sources, int copies, string output)
    {
        var psi = new ProcessStartInfo(mergecap) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-a", "-F", "pcap", "-w", output }) psi.ArgumentList.Add(a);
        for (var i = 0; i < copies; i++)
            foreach (var s in sources) psi.ArgumentList.Add(s);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode == 0) return true;
        // e.g. captures of different link types cannot share one classic pcap: fall back to our writer, which says why.
        Console.Error.WriteLine($"bench classify: mergecap failed ({stderr.Result.Trim()}); merging with sdnctl's own writer");
        return false;
    }

    private static void MergeOurselves(List<string> sources, int copies, string output)
    {
        using var writer = new PcapWriter(output);
        for (var i = 0; i < copies; i++)
            foreach (var s in sources)
            {
                var source = s;
                PcapFileReader.Read(source, (frame, link, micros, wire) =>
                {
                    if (link != Classification.Decoding.LinkType.Ethernet)
                        throw new UsageException($"{source}: link type {link}; the merged benchmark file is Ethernet only");
                    writer.Write(frame, micros, wire);
                });
            }
    }
}
