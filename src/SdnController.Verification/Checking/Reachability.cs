using SdnController.Verification.Dump;
using SdnController.Verification.Walking;

namespace SdnController.Verification.Checking;

/// <summary>
/// Which switches the wiring still connects: links whose both ends are up and that carry (per the dump, and not
/// taken down by <c>--down</c>). A pair on different components has no path; its undelivered packets are not a
/// black hole.
/// </summary>
public sealed class Reachability
{
    private readonly Dictionary<string, int> _index = new();
    private readonly int[] _parent;

    public Reachability(DataPlane plane)
    {
        var dump = plane.Dump;
        for (var i = 0; i < dump.Switches.Count; i++) _index[dump.Switches[i].Id] = i;
        _parent = new int[dump.Switches.Count];
        for (var i = 0; i < _parent.Length; i++) _parent[i] = i;
        foreach (var s in dump.Switches)
        {
            if (!s.Up) continue;
            foreach (var p in s.Ports.Values)
                if (p.NeighborSwitch is { } n && plane.Carries(p) && _index.TryGetValue(n, out var j) && dump.Switches[j].Up)
                    Union(_index[s.Id], j);
        }
    }

    public bool Connected(string switchA, string switchB) =>
        _index.TryGetValue(switchA, out var a) && _index.TryGetValue(switchB, out var b) && Find(a) == Find(b);

    private int Find(int x)
    {
        while (_parent[x] != x) x = _parent[x] = _parent[_parent[x]];
        return x;
    }

    private void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a != b) _parent[a] = b;
    }
}
