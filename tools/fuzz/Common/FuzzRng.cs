namespace SdnController.Fuzz.Common;

/// <summary>
/// The random source of one fuzz case: derived from (campaign seed, case index) alone, so any case can be
/// replayed on its own from the numbers a crash report prints, without re-running the cases before it.
/// </summary>
public static class FuzzRng
{
    public static Random For(int seed, long index, int stream = 0)
    {
        // SplitMix64 finaliser: neighbouring indices give unrelated generators.
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random(unchecked((int)z ^ (int)(z >> 32)));
    }
}
