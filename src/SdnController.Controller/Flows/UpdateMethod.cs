namespace SdnController.Controller.Flows;

/// <summary>
/// How one flow moves from its old path to its new one (see <see cref="UpdateMethodChooser"/>).
/// Both run inside the same three barrier-confirmed phases of an update: adds, replaces, drain, removes.
/// </summary>
public enum UpdateMethod
{
    /// <summary>Rules changed in place, downstream first: new switches' rules are added, then the one switch that diverts traffic is replaced.</summary>
    Ordered,
    /// <summary>Version-tagged: the whole new version is added under the other tag, then the ingress flips to stamp it.</summary>
    TwoPhase,
}
