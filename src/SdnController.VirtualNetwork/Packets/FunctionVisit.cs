namespace SdnController.VirtualNetwork.Packets;

/// <summary>
/// A packet entered network function <see cref="Function"/> (its index in topology.Nfv and in
/// SimulatedNetwork.Functions) after crossing <see cref="AfterHops"/> switches.
/// </summary>
public readonly record struct FunctionVisit(int Function, int AfterHops);
