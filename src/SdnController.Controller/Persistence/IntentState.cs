using System.Collections.Immutable;

namespace SdnController.Controller.Persistence;

/// <summary>
/// The intents in force, folded from the journal's events: what a restarted controller must make true again. Also the
/// snapshot's form. Declared flows and connectivity keep their order (flow numbers, and so rule cookies, follow it).
/// </summary>
public sealed record IntentState
{
    public static readonly IntentState Empty = new();

    /// <summary>Flow declarations in order: a <see cref="FlowsDeclared"/> or a <see cref="ConnectivityDeclared"/> each.</summary>
    public ImmutableList<IntentEvent> Flows { get; init; } = ImmutableList<IntentEvent>.Empty;
    /// <summary>The latest label of each labelled flow, in the order first labelled.</summary>
    public ImmutableList<FlowLabelled> Labels { get; init; } = ImmutableList<FlowLabelled>.Empty;
    /// <summary>Blocks in force, by id.</summary>
    public ImmutableSortedDictionary<long, BlockMade> Blocks { get; init; } = ImmutableSortedDictionary<long, BlockMade>.Empty;
    /// <summary>The highest block id ever made (new blocks after a restart continue from it).</summary>
    public long LastBlockId { get; init; }
    /// <summary>Backends marked down or up, latest per (function, backend), in the order first changed.</summary>
    public ImmutableList<BackendHealthChanged> Backends { get; init; } = ImmutableList<BackendHealthChanged>.Empty;
    /// <summary>The latest runtime configuration of each function whose configuration was replaced, in the order first replaced.</summary>
    public ImmutableList<FunctionConfigReplaced> Configs { get; init; } = ImmutableList<FunctionConfigReplaced>.Empty;
    /// <summary>Controller clock of the latest event (a restart on a new clock shifts block times by the difference).</summary>
    public double LastAtMs { get; init; }
    /// <summary>Events folded in (snapshots included).</summary>
    public long Events { get; init; }

    /// <summary>Intents in force: declarations, labels, blocks, backend changes and replaced configurations.</summary>
    public int Count => FlowCount + Labels.Count + Blocks.Count + Backends.Count + Configs.Count;

    /// <summary>Declared flows (connectivity requests count as one flow each).</summary>
    public int FlowCount
    {
        get
        {
            var n = 0;
            foreach (var e in Flows) n += e is FlowsDeclared d ? d.Flows.Length : 1;
            return n;
        }
    }

    private HashSet<string> KnownFlowIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var x in Flows)
            if (x is FlowsDeclared d) foreach (var f in d.Flows) ids.Add(f.Id);
        return ids;
    }

    public IntentState Apply(IntentEvent e)
    {
        var next = this with { Events = Events + 1, LastAtMs = Math.Max(LastAtMs, e.AtMs) };
        switch (e)
        {
            case FlowsDeclared d:
                // A flow id declared again (a second run on the same store declares its traffic again) is the same intent.
                var known = KnownFlowIds();
                var fresh = d.Flows.RemoveAll(f => known.Contains(f.Id));
                return fresh.IsEmpty ? next : next with { Flows = Flows.Add(d with { Flows = fresh }) };
            case ConnectivityDeclared c:
                foreach (var x in Flows)
                    if (x is ConnectivityDeclared o && (o.HostA == c.HostA && o.HostB == c.HostB || o.HostA == c.HostB && o.HostB == c.HostA)) return next;
                return next with { Flows = Flows.Add(c) };
            case FlowLabelled l:
                var at = Labels.FindIndex(x => x.Tuple == l.Tuple);
                return next with { Labels = at >= 0 ? Labels.SetItem(at, l) : Labels.Add(l) };
            case BlockMade b:
                return next with { Blocks = Blocks.SetItem(b.BlockId, b), LastBlockId = Math.Max(LastBlockId, b.BlockId) };
            case BlockEnded u:
                return next with { Blocks = Blocks.Remove(u.BlockId) };
            case BackendHealthChanged h:
                var i = Backends.FindIndex(x => x.FunctionId == h.FunctionId && x.Backend == h.Backend);
                return next with { Backends = i >= 0 ? Backends.SetItem(i, h) : Backends.Add(h) };
            case FunctionConfigReplaced r:
                // The whole configuration is replaced, its backend health included: earlier health changes of that
                // function are no longer in force (the live controller's next health change starts from the new rules).
                var slot = Configs.FindIndex(x => x.FunctionId == r.FunctionId);
                return next with
                {
                    Configs = slot >= 0 ? Configs.SetItem(slot, r) : Configs.Add(r),
                    Backends = Backends.RemoveAll(x => x.FunctionId == r.FunctionId),
                };
            default:
                throw new ArgumentException($"unknown intent event {e.GetType().Name}", nameof(e));
        }
    }
}
