namespace SdnController.Nfv.Functions;

/// <summary>
/// Keeps a table of per-flow state bounded: entries are only refreshed or dropped when their own flow
/// shows up again, so flows that end would otherwise stay forever. When the table has doubled since the
/// last sweep, the idle entries go — amortised O(1) per insertion.
/// </summary>
internal sealed class IdleSweep
{
    private const int Floor = 4096;
    private int _sweepAt = Floor;

    public void MaybeSweep<TKey, TValue>(Dictionary<TKey, TValue> table, Func<TValue, TimeSpan> lastSeen, TimeSpan now, TimeSpan timeout)
        where TKey : notnull
    {
        if (table.Count < _sweepAt) return;
        List<TKey>? stale = null;
        foreach (var (key, value) in table)
            if (now - lastSeen(value) > timeout) (stale ??= new List<TKey>()).Add(key);
        if (stale is not null)
            foreach (var key in stale) table.Remove(key);
        _sweepAt = Math.Max(Floor, table.Count * 2);
    }
}
