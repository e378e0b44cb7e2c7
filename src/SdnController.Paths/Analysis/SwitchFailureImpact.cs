namespace SdnController.Paths.Analysis;

/// <summary>
/// What losing one switch costs. Pair counts are unordered pairs that are connected now and would
/// not be after the failure: pairs split between the pieces the switch held together, plus every
/// pair that involves the failed switch itself (for switch pairs) or one of the hosts attached to
/// it (for host pairs) — those hosts lose their only attachment, even to each other. Formally,
/// with C the switch's component and P1..Pk the pieces C \ {switch} falls into:
/// switch pairs = C(|C|,2) − Σ C(|Pi|,2), host pairs = C(h(C),2) − Σ C(h(Pi),2), h = hosts attached.
/// </summary>
/// <param name="Node">Switch index.</param>
/// <param name="SwitchId">The switch's id.</param>
/// <param name="Pieces">Connected pieces the rest of its component falls into; two or more makes it an articulation switch.</param>
/// <param name="SwitchPairsDisconnected">Unordered switch pairs lost, including those with the failed switch.</param>
/// <param name="HostPairsDisconnected">Unordered host pairs lost, including those with its own hosts.</param>
public sealed record SwitchFailureImpact(
    int Node,
    string SwitchId,
    int Pieces,
    long SwitchPairsDisconnected,
    long HostPairsDisconnected)
{
    public bool IsArticulation => Pieces >= 2;
}
