using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Scenarios;

/// <summary>Something that happens <see cref="At"/> a time after the run starts.</summary>
public abstract record ScenarioEvent(TimeSpan At)
{
    public SourceLocation? Source { get; init; }
}
