namespace SdnController.Paths.Protection;

/// <summary>How well a hop's backup protects it (best first).</summary>
public enum BackupKind
{
    /// <summary>Shares no link with the primary path and avoids its next switch (unless that is the destination): covers the link and the switch.</summary>
    Disjoint,
    /// <summary>Shares no link with the primary path but has to cross its next switch: covers the link only.</summary>
    LinkDisjoint,
    /// <summary>
    /// Avoids only the protected link (and the next switch where it can), sharing later primary links: a
    /// loop-free alternate in the spirit of RFC 5286. Loop-free because detoured packets follow a whole
    /// simple path to the destination by their own rules, not hop-by-hop next hops.
    /// </summary>
    LoopFreeAlternate,
    /// <summary>No path reaches the destination without the link (see <see cref="HopBackup.Reason"/>).</summary>
    None,
}
