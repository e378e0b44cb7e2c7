using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// Structural equality of a group's content (type and buckets, element by element). Bucket records compare
/// their action arrays by reference, which is not what "the same group" means.
/// </summary>
public static class GroupContent
{
    public static bool SameContent(GroupEntry a, GroupEntry b) => a.Type == b.Type && SameBuckets(a.Buckets, b.Buckets);

    public static bool SameBuckets(ImmutableArray<Bucket> a, ImmutableArray<Bucket> b)
    {
        var x = a.IsDefault ? ImmutableArray<Bucket>.Empty : a;
        var y = b.IsDefault ? ImmutableArray<Bucket>.Empty : b;
        if (x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
        {
            Bucket p = x[i], q = y[i];
            if (ReferenceEquals(p, q)) continue;
            if (p.WatchPort != q.WatchPort || p.Weight != q.Weight || !SameActions(p.Actions, q.Actions)) return false;
        }
        return true;
    }

    public static int HashOf(GroupType type, ImmutableArray<Bucket> buckets)
    {
        var h = new HashCode();
        h.Add(type);
        if (!buckets.IsDefault)
            foreach (var b in buckets)
            {
                h.Add(b.WatchPort);
                h.Add(b.Weight);
                if (!b.Actions.IsDefault)
                    foreach (var a in b.Actions) h.Add(a);
            }
        return h.ToHashCode();
    }

    private static bool SameActions(ImmutableArray<FlowAction> a, ImmutableArray<FlowAction> b)
    {
        var x = a.IsDefault ? ImmutableArray<FlowAction>.Empty : a;
        var y = b.IsDefault ? ImmutableArray<FlowAction>.Empty : b;
        if (x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
            if (!Equals(x[i], y[i])) return false;
        return true;
    }
}
