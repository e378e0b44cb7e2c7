namespace SdnController.Scenarios.Playback;

/// <summary>The outcome of one `expect` check (one host pair).</summary>
public sealed record ExpectationResult(TimeSpan At, string Check, string From, string To, bool ExpectedReach, bool Passed, string Detail)
{
    public TimeSpan? RoundTrip { get; init; }
}
