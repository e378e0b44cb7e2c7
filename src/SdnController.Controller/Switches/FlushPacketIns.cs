namespace SdnController.Controller.Switches;

/// <summary>Switch actor → itself: pass the burst of reactive packet-ins gathered so far to the flow manager.</summary>
internal sealed class FlushPacketIns
{
    public static readonly FlushPacketIns Instance = new();
    private FlushPacketIns() { }
}
