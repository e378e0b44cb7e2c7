using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model;

/// <summary>
/// A top-level section whose contents later parts of the controller interpret (nfv, chains). The
/// loader checks its outer shape and keeps where it is, so files written today keep their shape when
/// those parts arrive.
/// </summary>
public sealed record ReservedSection(string Name, SourceLocation? Location, int EntryCount);
