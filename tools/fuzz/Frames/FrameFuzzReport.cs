using SdnController.Fuzz.Common;

namespace SdnController.Fuzz.Frames;

public sealed class FrameFuzzReport
{
    public static readonly string[] TargetNames = ["classifier", "virtual switch", .. FrameTargets.NfvNames];

    public long Frames { get; set; }
    /// <summary>Frames through each target (classifier, switch, then the functions in <see cref="FrameTargets.NfvNames"/> order).</summary>
    public long[] PerTarget { get; } = new long[TargetNames.Length];
    public long[] ExceptionsPerTarget { get; } = new long[TargetNames.Length];
    public long Exceptions => ExceptionsPerTarget.Sum();
    public long Seeds { get; set; }
    public long ClassifierUndecoded { get; set; }
    public long SwitchDropped { get; set; }
    public long NfvDropped { get; set; }
    public List<Failure> Failures { get; } = new();
    public TimeSpan Elapsed { get; set; }

    public IEnumerable<string> Lines()
    {
        yield return $"frames fuzzed:           {Frames:N0} (from {Seeds:N0} seed frames)";
        for (var t = 0; t < TargetNames.Length; t++)
            yield return $"  {TargetNames[t],-22} {PerTarget[t]:N0} frames, {ExceptionsPerTarget[t]} exceptions";
        yield return $"exceptions:              {Exceptions}";
        yield return $"classifier undecoded:    {ClassifierUndecoded:N0}; switch drops {SwitchDropped:N0}; function drops {NfvDropped:N0}";
        yield return $"elapsed:                 {Elapsed.TotalSeconds:N1} s ({Frames / Math.Max(Elapsed.TotalSeconds, 1e-9):N0} frames/s)";
    }
}
