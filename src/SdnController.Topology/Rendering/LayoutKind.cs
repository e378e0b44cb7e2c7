namespace SdnController.Topology.Rendering;

/// <summary>How a picture placed its switches.</summary>
public enum LayoutKind
{
    /// <summary>From the switches' coordinates (equirectangular, scaled by cos of the mean latitude).</summary>
    Geographic,
    /// <summary>A single ring drawn as a circle in ring order.</summary>
    Circular,
    /// <summary>Fruchterman–Reingold from a seeded start, fixed iteration count.</summary>
    ForceDirected,
}
