namespace SdnController.Southbound.Matching;

/// <summary>Match on the outermost VLAN tag: a specific id, or the absence of any tag.</summary>
public readonly record struct VlanMatch(ushort VlanId, bool Untagged)
{
    public static readonly VlanMatch NoTag = new(0, true);
    public static VlanMatch Id(ushort vlanId) =>
        vlanId > 4095 ? throw new ArgumentOutOfRangeException(nameof(vlanId)) : new(vlanId, false);
    public override string ToString() => Untagged ? "none" : VlanId.ToString();
}
