namespace SdnController.Topology.Scenarios;

/// <summary>A link goes down or comes back. <see cref="LinkId"/> is always the topology's own link id.</summary>
public sealed record LinkStateEvent(TimeSpan At, string LinkId, bool Up) : ScenarioEvent(At)
{
    /// <summary>The link dies without a port-status message (only for down), as a cut fibre behind a media converter does.</summary>
    public bool Silent { get; init; }
}
