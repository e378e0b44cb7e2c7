namespace SdnController.Topology.Scenarios;

/// <summary>
/// <see cref="Count"/> down/up cycles of one link: down at <c>At</c>, up at <c>At + Period/2</c>,
/// down at <c>At + Period</c>, …, last up at <c>At + (Count − ½)·Period</c>.
/// </summary>
public sealed record LinkFlapEvent(TimeSpan At, string LinkId, TimeSpan Period, int Count) : ScenarioEvent(At);
