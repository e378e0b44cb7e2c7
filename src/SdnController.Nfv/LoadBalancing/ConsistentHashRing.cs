namespace SdnController.Nfv.LoadBalancing;

/// <summary>
/// A hash ring with <see cref="PointsPerBackend"/> points per backend, placed by a hash of the backend's
/// name (not its position), so removing one backend moves only the flows that hashed to it (about 1/N)
/// and adding one takes about 1/(N+1) from the others. Unhealthy backends are skipped by walking on.
/// </summary>
internal sealed class ConsistentHashRing
{
    public const int PointsPerBackend = 160;

    private readonly ulong[] _points;
    private readonly int[] _owners;

    public ConsistentHashRing(IReadOnlyList<string> backendNames)
    {
        var n = backendNames.Count * PointsPerBackend;
        _points = new ulong[n];
        _owners = new int[n];
        var k = 0;
        for (var b = 0; b < backendNames.Count; b++)
        {
            var seed = Fnv1a(backendNames[b]);
            for (var j = 0; j < PointsPerBackend; j++, k++)
            {
                _points[k] = Mix(seed + (ulong)j * 0x9E3779B97F4A7C15UL);
                _owners[k] = b;
            }
        }
        Array.Sort(_points, _owners);
    }

    /// <summary>The backend owning <paramref name="hash"/>, the first healthy one clockwise, or -1 when none is.</summary>
    public int Lookup(ulong hash, bool[] healthy)
    {
        if (_points.Length == 0) return -1;
        var i = Array.BinarySearch(_points, hash);
        if (i < 0) i = ~i;
        for (var step = 0; step < _points.Length; step++)
        {
            var owner = _owners[(i + step) % _points.Length];
            if (healthy[owner]) return owner;
        }
        return -1;
    }

    /// <summary>SplitMix64's finaliser: a well-spread 64-bit hash of a 64-bit value.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Stable across runs and processes, unlike string.GetHashCode.</summary>
    public static ulong Fnv1a(string s)
    {
        var h = 0xcbf29ce484222325UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 0x100000001b3UL;
        }
        return h;
    }
}
