using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// A switch's confirmed rules (what a barrier or a resync's flow stats proved it holds), read by (priority,
/// match). The flow manager's rules carry a small per-switch slot number (<see cref="ApplyRules.AddSlots"/>),
/// so confirming one is an array store: hashing hundreds of thousands of cold match objects into a
/// dictionary per switch was a fifth of reactive flow setup, and its resizes a large share of its garbage.
/// Rules without a slot — base rules, the switch's own report at a resync, updates from elsewhere — live in
/// a small keyed table beside it. The keyed view is built only when someone reads it.
/// </summary>
/// <remarks>
/// Invariant: a key is held in one place only (one slot, or the keyed table). A slot number freed by the
/// flow manager may name another rule before the old rule's removal is confirmed, so a removal clears a slot
/// only while it still holds that rule, and an add that displaces a different rule keeps the displaced one
/// keyed (it is still on the switch until its removal comes).
/// </remarks>
internal sealed class ConfirmedRules
{
    /// <summary>
    /// Slotted rules by number, in chunks of <see cref="ChunkSize"/> that are never resized once full: one
    /// array doubled as a switch grew was large-object garbage, and large-object allocations are what set off
    /// full collections while a reactive run adds rules.
    /// </summary>
    private FlowRule?[][] _bySlot = [];
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private int _slotted;
    private readonly Dictionary<RuleKey, FlowRule> _keyed = new(RuleKeyComparer.Instance);
    /// <summary>
    /// The keyed table may hold a rule a slotted update also names (after a resync or an unslotted update),
    /// so slotted updates must look there too. False while it holds base rules only (flow-manager rules never
    /// share a key with those), which keeps the common path free of hashing.
    /// </summary>
    private bool _keyedMayOverlap;

    /// <summary>
    /// The confirmed groups by id. A switch holds few groups, and rules and groups are separate tables, so
    /// they are kept keyed and applied at once.
    /// </summary>
    public Dictionary<uint, GroupEntry> Groups { get; } = new();

    /// <summary>Number of confirmed rules.</summary>
    public int Count => _slotted + _keyed.Count;

    /// <summary>
    /// The keyed table for a resync to edit by key. Every slotted rule moves into it first, so it holds
    /// every confirmed rule; call <see cref="EndKeyedEdit"/> when done.
    /// </summary>
    public Dictionary<RuleKey, FlowRule> Keyed
    {
        get
        {
            Demote();
            _keyedMayOverlap = true;
            return _keyed;
        }
    }

    /// <summary>After a keyed edit: slotted updates may skip the keyed table again if it holds only the base rules.</summary>
    public void EndKeyedEdit(ImmutableArray<FlowRule> baseRules)
    {
        var bases = 0;
        foreach (var rule in baseRules)
            if (_keyed.TryGetValue(RuleKey.Of(rule), out var held) && held.Equals(rule)) bases++;
        _keyedMayOverlap = _keyed.Count > bases;
    }

    /// <summary>A barrier proved this update applied: its removals gone, its adds in (an add wins over a removal of the same entry).</summary>
    public void Apply(ApplyRules update)
    {
        if (update.HasGroups) RuleTableUpdate.ApplyGroups(Groups, update);
        if (!update.Remove.IsDefaultOrEmpty) Remove(update.Remove, update.RemoveSlots);
        if (!update.Add.IsDefaultOrEmpty) Add(update.Add, update.AddSlots);
    }

    private void Remove(ImmutableArray<FlowRule> rules, ImmutableArray<int> slots)
    {
        if (slots.IsDefault)
        {
            Demote();
            foreach (var rule in rules) _keyed.Remove(RuleKey.Of(rule));
            return;
        }
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var slot = slots[i];
            if (SlotOrNull(slot) is { } chunk && chunk[slot & (ChunkSize - 1)] is { } held && SameKey(held, rule))
            {
                chunk[slot & (ChunkSize - 1)] = null;
                _slotted--;
            }
            else if (_keyedMayOverlap)
            {
                _keyed.Remove(RuleKey.Of(rule));
            }
        }
    }

    private void Add(ImmutableArray<FlowRule> rules, ImmutableArray<int> slots)
    {
        if (slots.IsDefault)
        {
            Demote();
            _keyedMayOverlap = true;
            foreach (var rule in rules) _keyed[RuleKey.Of(rule)] = rule;
            return;
        }
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var slot = slots[i];
            var chunk = SlotOrNull(slot) ?? Grow(slot);
            if (_keyedMayOverlap) _keyed.Remove(RuleKey.Of(rule));
            ref var held = ref chunk[slot & (ChunkSize - 1)];
            if (held is null) _slotted++;
            else if (!ReferenceEquals(held, rule) && !SameKey(held, rule))
            {
                // The slot's old rule is still on the switch (its removal is not confirmed yet).
                _keyed[RuleKey.Of(held)] = held;
                _keyedMayOverlap = true;
            }
            held = rule;
        }
    }

    /// <summary>The chunk that holds this slot number, or null when it does not reach that far yet.</summary>
    private FlowRule?[]? SlotOrNull(int slot)
    {
        var c = slot >> ChunkBits;
        if ((uint)c >= (uint)_bySlot.Length) return null;
        var chunk = _bySlot[c];
        return (slot & (ChunkSize - 1)) < chunk.Length ? chunk : null;
    }

    /// <summary>Makes room for the slot number; the first chunk grows from small (most switches hold few rules), later ones come whole.</summary>
    private FlowRule?[] Grow(int slot)
    {
        var c = slot >> ChunkBits;
        if (c >= _bySlot.Length)
        {
            var old = _bySlot.Length;
            Array.Resize(ref _bySlot, Math.Max(c + 1, 2 * old));
            for (var k = old; k < _bySlot.Length; k++) _bySlot[k] = [];
        }
        ref var chunk = ref _bySlot[c];
        var i = slot & (ChunkSize - 1);
        if (i >= chunk.Length) Array.Resize(ref chunk, c > 0 ? ChunkSize : Math.Min(ChunkSize, Math.Max(64, Math.Max(i + 1, 2 * chunk.Length))));
        return chunk;
    }

    /// <summary>Every confirmed rule, keyed (a new dictionary: the caller may change it).</summary>
    public Dictionary<RuleKey, FlowRule> Snapshot()
    {
        var rules = new Dictionary<RuleKey, FlowRule>(Count, RuleKeyComparer.Instance);
        foreach (var (key, rule) in _keyed) rules[key] = rule;
        if (_slotted > 0)
            foreach (var chunk in _bySlot)
                foreach (var rule in chunk)
                    if (rule is not null) rules[RuleKey.Of(rule)] = rule;
        return rules;
    }

    /// <summary>Every confirmed rule (in no particular order).</summary>
    public List<FlowRule> Rules()
    {
        var rules = new List<FlowRule>(Count);
        rules.AddRange(_keyed.Values);
        if (_slotted > 0)
            foreach (var chunk in _bySlot)
                foreach (var rule in chunk)
                    if (rule is not null) rules.Add(rule);
        return rules;
    }

    /// <summary>Forget everything (a new session has proved nothing yet).</summary>
    public void Clear()
    {
        ClearRules();
        Groups.Clear();
    }

    /// <summary>Forget the rules only (a flow-stats reply replaces them; the group-description reply the groups).</summary>
    public void ClearRules()
    {
        foreach (var chunk in _bySlot) Array.Clear(chunk);
        _slotted = 0;
        _keyed.Clear();
        _keyedMayOverlap = false;
    }

    /// <summary>Moves the slotted rules into the keyed table (before anything edits or updates by key alone).</summary>
    private void Demote()
    {
        if (_slotted == 0) return;
        _keyed.EnsureCapacity(_keyed.Count + _slotted);
        foreach (var chunk in _bySlot)
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i] is not { } rule) continue;
                _keyed[RuleKey.Of(rule)] = rule;
                chunk[i] = null;
            }
        _slotted = 0;
        _keyedMayOverlap = true;
    }

    private static bool SameKey(FlowRule a, FlowRule b) =>
        ReferenceEquals(a, b) || RuleKeyComparer.Instance.Equals(RuleKey.Of(a), RuleKey.Of(b));
}
