using SdnController.Southbound.Nfv;

namespace SdnController.Controller.Messages;

/// <summary>
/// A classifier (fed by the virtual network's tap, or a capture) labelled a flow, or changed its label: the flow manager
/// applies the first <c>policy:</c> entry that matches. <paramref name="Tuple"/> is the flow's 5-tuple in either
/// direction (IPv4, host order); <paramref name="Protocol"/> is nDPI's spelling, <paramref name="Class"/> the traffic
/// class's name, <paramref name="Method"/> how the protocol was found (inspection, port).
/// </summary>
public sealed record FlowClassified(FunctionFlowTuple Tuple, string Protocol, string Class, string Method);
