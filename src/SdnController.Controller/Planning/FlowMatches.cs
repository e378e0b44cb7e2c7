using SdnController.Southbound.Matching;

namespace SdnController.Controller.Planning;

/// <summary>The header match of each direction of a flow; Reverse is null for a one-way flow.</summary>
public sealed record FlowMatches(Match Forward, Match? Reverse);
