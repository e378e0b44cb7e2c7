namespace SdnController.Scenarios.Benchmarks;

/// <summary>Nearest-rank percentiles (no interpolation: every figure reported is a measured sample).</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> samples, double percent)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> samples) => Of(samples, 50);
}
