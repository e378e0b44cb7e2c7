namespace SdnController.Controller.Protocols;

/// <summary>What the controller's own LLDP probe says: sent by switch Dpid out of Port.</summary>
public readonly record struct LldpProbe(ulong Dpid, int Port, ushort TtlSeconds);
