namespace SdnController.Paths.Analysis;

/// <summary>
/// A link whose loss splits its component in two, and what that costs. Pair counts are unordered
/// pairs that are connected now and would not be after the failure: side × rest of the component.
/// </summary>
public sealed record BridgeImpact(
    int Link,
    string LinkId,
    string SwitchA,
    string SwitchB,
    /// <summary>Switches on the smaller side of the cut (ties: the side without the DFS root).</summary>
    int SmallerSideSwitches,
    long SwitchPairsDisconnected,
    long HostPairsDisconnected);
