namespace SdnController.Controller.Routing;

/// <summary>
/// A dictionary key for an ordered pair of small indices. <c>long.GetHashCode()</c> is <c>hi ^ lo</c>, so the
/// plain packing <c>a &lt;&lt; 32 | b</c> puts every pair with the same <c>a ^ b</c> in one bucket; multiplying by an
/// odd constant (a bijection on 64 bits, so keys stay distinct) spreads both halves over the whole word.
/// </summary>
internal static class PairKey
{
    public static long Of(int a, int b) => (long)((((ulong)(uint)a << 32) | (uint)b) * 0x9E37_79B9_7F4A_7C15UL);
}
