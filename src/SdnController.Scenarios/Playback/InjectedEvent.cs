namespace SdnController.Scenarios.Playback;

public enum InjectedKind { LinkDown, LinkUp, SwitchDown, SwitchUp, ActorCrash, FunctionDown, FunctionUp }

/// <summary>One change the run made to the network, at run time At (0 = network ready).</summary>
public sealed record InjectedEvent(TimeSpan At, InjectedKind Kind, IReadOnlyList<string> LinkIds, string Description)
{
    public string? SwitchId { get; init; }
    /// <summary>The network function of a FunctionDown/FunctionUp change.</summary>
    public string? FunctionId { get; init; }
    public bool Silent { get; init; }
    public bool IsFailure => Kind is InjectedKind.LinkDown or InjectedKind.SwitchDown or InjectedKind.FunctionDown;
}
