namespace SdnController.Topology.Scenarios;

/// <summary>
/// <see cref="Count"/> distinct links, drawn with <see cref="Seed"/>, fail at once; with
/// <see cref="RestoreAfter"/> they come back that long afterwards.
/// </summary>
public sealed record RandomLinkFailuresEvent(TimeSpan At, int Count, int Seed) : ScenarioEvent(At)
{
    public TimeSpan? RestoreAfter { get; init; }
    /// <summary>The file stated this event's seed; otherwise a run's --seed replaces <see cref="Seed"/>.</summary>
    public bool SeedStated { get; init; }
}
