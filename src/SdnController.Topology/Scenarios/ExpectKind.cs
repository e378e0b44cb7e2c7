namespace SdnController.Topology.Scenarios;

public enum ExpectKind
{
    /// <summary>From can reach To.</summary>
    Reaches,
    /// <summary>From cannot reach To.</summary>
    CannotReach,
    /// <summary>Every pair of hosts whose switches are still connected can reach each other; From and To are null.</summary>
    ConnectedPairsReach,
}
