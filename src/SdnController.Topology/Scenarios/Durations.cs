using SdnController.Topology.Yaml;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// Times in scenario and traffic sections: latency notation (ns, us, µs, ms, s) held as
/// <see cref="TimeSpan"/>, so 100 ns resolution. A bare number other than 0 is refused: "2" could be
/// meant as seconds as easily as the milliseconds latency notation would read.
/// </summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> completes "… for 'key', found 'text'".</summary>
    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        var t = text.Trim();
        var isBareNumber = ValueReaders.TryParseNumber(t, out var bare);
        if (t.StartsWith('-') && (isBareNumber || Units.TryParseLatency(t[1..], out _, out _)))
        {
            error = "must be 0 or more";
            return false;
        }
        if (isBareNumber && bare != 0)
        {
            error = "needs a unit (ns, us, ms or s), e.g. '2s' or '200ms'; a bare number is ambiguous";
            return false;
        }
        if (!Units.TryParseLatency(t, out var ms, out _))
        {
            error = $"expected a time such as '2s' or '200ms' (units {Units.LatencyUnitList})";
            return false;
        }
        var ticks = Math.Round(ms * TimeSpan.TicksPerMillisecond);
        if (ticks >= TimeSpan.MaxValue.Ticks)
        {
            error = "is too large";
            return false;
        }
        value = TimeSpan.FromTicks((long)ticks);
        error = null;
        return true;
    }

    /// <summary>Shortest text in the largest fitting unit that <see cref="TryParse"/> reads back to the same value, e.g. "2s", "200ms".</summary>
    public static string Format(TimeSpan value) =>
        value == TimeSpan.Zero ? "0s" : Units.FormatLatency(value.Ticks / (double)TimeSpan.TicksPerMillisecond);
}
