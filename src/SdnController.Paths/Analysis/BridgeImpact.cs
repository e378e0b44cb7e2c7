namespace SdnController.Paths.Analysis;

/// <summary>
/// A link whose loss splits its component in two, and what that costs. Pair counts are unordered
/// pairs that are connected now and would not be after the failure: side × rest of the component.
/// </summary>
/// <param name="Link">Link index in the topology / graph.</param>
/// <param name="LinkId">The link's id.</param>
/// <param name="SwitchA">First end as the link is written.</param>
/// <param name="SwitchB">Second end.</param>
/// <param name="SmallerSideSwitches">Switches on the smaller side of the cut.</param>
/// <param name="SwitchPairsDisconnected">Unordered switch pairs cut apart.</param>
/// <param name="HostPairsDisconnected">Unordered host pairs cut apart.</param>
public sealed record BridgeImpact(
    int Link,
    string LinkId,
    string SwitchA,
    string SwitchB,
    int SmallerSideSwitches,
    long SwitchPairsDisconnected,
    long HostPairsDisconnected);
