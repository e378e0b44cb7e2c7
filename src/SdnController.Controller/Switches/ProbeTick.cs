namespace SdnController.Controller.Switches;

/// <summary>Timer message: send the next round of LLDP probes. A new instance per probing period, so a
/// tick of a period that ended (disconnect, restart) is recognised and ignored.</summary>
internal sealed class ProbeTick;
