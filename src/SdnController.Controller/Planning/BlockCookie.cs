namespace SdnController.Controller.Planning;

/// <summary>
/// Cookie of the drop rules the controller installs for flows a blocking IDS alerted on: top byte 0xB1, clear of
/// flow cookies (top byte 0, <see cref="FlowCookie"/>) and of the switch actor's base rules (0xFF…), so a flow dump
/// tells them apart and counter polls of flow rules skip them.
/// </summary>
public static class BlockCookie
{
    private const ulong Tag = 0xB1UL << 56;

    /// <summary>The cookie of block number <paramref name="block"/> (≥ 1), both directions sharing it.</summary>
    public static ulong Of(long block) => Tag | (ulong)block;

    public static bool IsBlock(ulong cookie) => cookie >> 56 == 0xB1;
}
