namespace SdnController.Controller.Planning;

/// <summary>
/// VLAN ids that tell a service chain's segments apart. Functions are one-arm (a frame leaves by the
/// function's port and comes back by the same one), so a switch on several segments of one flow needs the
/// segment in the packet: a chained packet carries the tag of its flow's configuration version and of the
/// segment it is on, between the rule that pushes it (the ingress, or the rule taking the frame back from a
/// function) and the rule that pops it (into the next function, or to the destination host).
/// </summary>
/// <remarks>
/// Version 0 uses 3072 + segment and version 1 uses 3136 + segment, segment &lt; <see cref="MaxSegments"/>:
/// clear of the detour tags (1024..3071), of the version tag 3901 and of VLAN 0/1. Because the tag carries the
/// version, a moved chained flow's new segments are all new rules (adds), and the two-phase update switches
/// whole packets from one configuration to the other. The headers say which flow; the same ids serve all.
/// </remarks>
public static class ChainTags
{
    /// <summary>Segments per chain direction: a chain of up to 63 functions.</summary>
    public const int MaxSegments = 64;
    private const ushort Base = 3072;

    public static ushort For(int version, int segment)
    {
        if ((uint)version > 1) throw new ArgumentOutOfRangeException(nameof(version), version, "versions are 0 and 1");
        if ((uint)segment >= MaxSegments) throw new ArgumentOutOfRangeException(nameof(segment), segment, $"chain tags cover segments 0..{MaxSegments - 1}");
        return (ushort)(Base + version * MaxSegments + segment);
    }

    public static bool IsChain(int vlan) => vlan >= Base && vlan < Base + 2 * MaxSegments;

    /// <summary>The configuration version (0 or 1) of a chain tag.</summary>
    public static int VersionOf(int vlan) => IsChain(vlan) ? (vlan - Base) / MaxSegments : throw new ArgumentOutOfRangeException(nameof(vlan), vlan, "not a chain tag");

    /// <summary>The segment (0 = ingress to the first function) of a chain tag.</summary>
    public static int SegmentOf(int vlan) => IsChain(vlan) ? (vlan - Base) % MaxSegments : throw new ArgumentOutOfRangeException(nameof(vlan), vlan, "not a chain tag");
}
