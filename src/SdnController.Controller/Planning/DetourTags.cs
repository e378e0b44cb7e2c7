namespace SdnController.Controller.Planning;

/// <summary>
/// VLAN ids that mark packets a fast-failover bucket sent onto a backup (detour) path. A detoured packet
/// carries the tag of its flow's configuration version and of the hop it left the primary at; the detour's
/// rules match the flow's headers and that tag, so they never catch primary traffic, never meet another
/// hop's or another version's detour, and a version's detour rules come and go with its other rules in the
/// two-phase update (see <see cref="RulePlanner.VersionVlan"/>).
/// </summary>
/// <remarks>
/// Version 0 uses 1024 + hop and version 1 uses 2048 + hop, hop &lt; <see cref="MaxHops"/>: clear of the
/// version tag 3901 and of VLAN 0/1. The tag says nothing about the flow (the headers do), so the same ids
/// serve every flow and the fast-failover groups of flows leaving one switch by the same ports are shared.
/// </remarks>
public static class DetourTags
{
    public const int MaxHops = 1024;
    private const ushort Base = 1024;

    public static ushort For(int version, int hop)
    {
        if ((uint)version > 1) throw new ArgumentOutOfRangeException(nameof(version), version, "versions are 0 and 1");
        if ((uint)hop >= MaxHops) throw new ArgumentOutOfRangeException(nameof(hop), hop, $"detour tags cover hops 0..{MaxHops - 1}");
        return (ushort)(Base + version * MaxHops + hop);
    }

    public static bool IsDetour(int vlan) => vlan >= Base && vlan < Base + 2 * MaxHops;

    /// <summary>The configuration version (0 or 1) of a detour tag.</summary>
    public static int VersionOf(int vlan) => IsDetour(vlan) ? (vlan - Base) / MaxHops : throw new ArgumentOutOfRangeException(nameof(vlan), vlan, "not a detour tag");

    /// <summary>The primary hop a detour tag's packets left their path at.</summary>
    public static int HopOf(int vlan) => IsDetour(vlan) ? (vlan - Base) % MaxHops : throw new ArgumentOutOfRangeException(nameof(vlan), vlan, "not a detour tag");
}
