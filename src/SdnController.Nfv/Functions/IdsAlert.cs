using SdnController.Nfv.Packets;

namespace SdnController.Nfv.Functions;

/// <summary>An IDS signature matched a packet of <see cref="Flow"/>; <see cref="Blocked"/> when the flow is now blocked.</summary>
public sealed record IdsAlert(string Instance, string SignatureId, FlowKey Flow, TimeSpan At, bool Blocked);
