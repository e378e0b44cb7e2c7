using System.Diagnostics;
using SdnController.Fuzz.Common;
using SdnController.VirtualNetwork.Packets;

namespace SdnController.Fuzz.Frames;

/// <summary>
/// The frame campaign: frame i is a mutation of a seed chosen by (seed, i) alone, processed by the classifier, the
/// virtual switch and each function (each on its own copy: they rewrite in place). An exception from any of them is
/// a failure; its frame is saved as a one-frame pcap.
/// </summary>
public sealed class FrameFuzzer
{
    private readonly IReadOnlyList<FrameSeed> _seeds;
    private readonly string _outDir;

    public FrameFuzzer(IReadOnlyList<FrameSeed> seeds, string outDir)
    {
        _seeds = seeds;
        _outDir = outDir;
    }

    /// <summary>Frames between fresh classifier and function state.</summary>
    public int RenewEvery { get; init; } = 250_000;
    public int MaxSavedFailures { get; init; } = 20;

    public FuzzFrame Case(int seed, long index)
    {
        var rng = FuzzRng.For(seed, index);
        return FrameMutator.Mutate(_seeds[rng.Next(_seeds.Count)], rng);
    }

    public FrameFuzzReport Run(int seed, long count, Action<string>? progress = null, long start = 0)
    {
        var report = new FrameFuzzReport { Seeds = _seeds.Count };
        var total = Stopwatch.StartNew();
        var targets = new FrameTargets();
        var now = TimeSpan.Zero;
        var classes = new string?[] { null, null, "bulk", "web", "" };
        var work = new byte[16384];
        for (long i = start; i < start + count; i++)
        {
            if (i > start && i % RenewEvery == 0) targets.Renew();
            var frame = Case(seed, i);
            now += TimeSpan.FromTicks((i & 1023) == 0 ? 20_000_000 : 10);   // mostly 1 µs apart; now and then 2 s (timeouts)
            var bytes = frame.Bytes;

            Try(report, 0, i, seed, frame, () => targets.Classifier.Process(bytes, frame.Link, (long)now.TotalMicroseconds, frame.WireLength));
            Try(report, 1, i, seed, frame, () =>
                targets.Switch.Receive(new Packet(i, (byte[])bytes.Clone(), now), 1 + (int)(i % 8), now, targets.Output));
            for (var f = 0; f < targets.Functions.Length; f++)
            {
                var fn = targets.Functions[f];
                if (work.Length < bytes.Length) work = new byte[bytes.Length];
                var span = work.AsSpan(0, bytes.Length);
                bytes.CopyTo(span);
                var cls = classes[i % classes.Length];
                Try(report, 2 + f, i, seed, frame, () =>
                {
                    if (!fn.Process(work.AsSpan(0, bytes.Length), now, cls).Passes) report.NfvDropped++;
                });
            }
            report.Frames++;
            if (progress is not null && (i + 1) % 1_000_000 == 0) progress($"frames: {i + 1 - start:N0}/{count:N0}, {total.Elapsed.TotalSeconds:N0} s");
        }
        report.ClassifierUndecoded = targets.Classifier.UndecodedFrames;
        report.SwitchDropped = targets.Output.Dropped;
        report.Elapsed = total.Elapsed;
        return report;
    }

    private void Try(FrameFuzzReport report, int target, long index, int seed, FuzzFrame frame, Action action)
    {
        report.PerTarget[target]++;
        try
        {
            action();
        }
        catch (Exception ex)
        {
            report.ExceptionsPerTarget[target]++;
            if (report.Failures.Count >= MaxSavedFailures) return;
            var path = Reproducer.Save(_outDir, "frames", seed, index, ".pcap", OnePacketPcap.Write(frame));
            report.Failures.Add(new Failure("frames", seed, index,
                $"{FrameFuzzReport.TargetNames[target]} threw {ex.GetType().Name}: {ex.Message} (mutations {frame.Mutations}, link {frame.Link}, {frame.Bytes.Length} bytes)\n{ex.StackTrace}", path));
        }
    }
}
