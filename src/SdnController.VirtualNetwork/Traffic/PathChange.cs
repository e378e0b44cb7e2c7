namespace SdnController.VirtualNetwork.Traffic;

/// <summary>From <paramref name="At"/> on, in-order packets crossed these switches (topology indices, in order). The first entry is the initial path.</summary>
public sealed record PathChange(TimeSpan At, int[] Switches);
