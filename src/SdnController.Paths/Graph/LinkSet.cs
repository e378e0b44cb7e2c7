namespace SdnController.Paths.Graph;

/// <summary>
/// A set of link indices of a <see cref="CompactGraph"/> as a bit array: the failed links handed to
/// the path algorithms. Membership tests are a shift and a mask, cheap enough for inner loops.
/// </summary>
public sealed class LinkSet
{
    private readonly ulong[] _bits;

    public LinkSet(int linkCount)
    {
        Capacity = linkCount;
        _bits = new ulong[(linkCount + 63) >> 6];
    }

    public int Capacity { get; }
    public int Count { get; private set; }

    public static LinkSet Empty(int linkCount) => new(linkCount);

    public bool Contains(int link) => (_bits[link >> 6] & (1UL << (link & 63))) != 0;

    public bool Add(int link)
    {
        ref var word = ref _bits[link >> 6];
        var mask = 1UL << (link & 63);
        if ((word & mask) != 0) return false;
        word |= mask;
        Count++;
        return true;
    }

    public bool Remove(int link)
    {
        ref var word = ref _bits[link >> 6];
        var mask = 1UL << (link & 63);
        if ((word & mask) == 0) return false;
        word &= ~mask;
        Count--;
        return true;
    }

    public LinkSet Clone()
    {
        var c = new LinkSet(Capacity);
        Array.Copy(_bits, c._bits, _bits.Length);
        c.Count = Count;
        return c;
    }

    public IEnumerable<int> Members()
    {
        for (var w = 0; w < _bits.Length; w++)
        {
            var word = _bits[w];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                yield return (w << 6) | bit;
                word &= word - 1;
            }
        }
    }
}
