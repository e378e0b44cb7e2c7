using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SdnController.Controller.Planning;
using SdnController.Controller.Switches;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.Controller.Collections;

namespace SdnController.Controller.Flows;

/// <summary>
/// The flow rules every switch should hold, keyed by match (a rule's priority follows from its match, see
/// <see cref="RulePlanner.PriorityOf"/>, so the match alone is the OpenFlow identity (priority, match)). Flow directions claim and release rules;
/// <see cref="Commit"/> turns everything claimed or released since the last commit into the adds and
/// removes the switches need.
/// </summary>
/// <remarks>
/// Two flow directions can share a match (the same hosts, protocol and ports declared twice, or an
/// ICMP connectivity flow beside declared ICMP traffic). Routes are symmetric, so such directions
/// always want the same rule: a slot counts its claimants and disappears with the last one. Matches
/// are interned to small ints once per flow; a claim returns its <see cref="RuleSlot"/>, which the
/// claimant passes back to release or re-claim it without a lookup.
/// <para>No dictionary per switch and no object per slot: a switch's slots are structs in an array by their
/// <see cref="RuleSlot.Number"/> (which the switch actor reuses to confirm them), and the slots of one match
/// are chained from the match's id, so finding (switch, match) walks the few switches that match is on.
/// Half a million rules in keyed per-switch tables cost a hash per claim, large-object resizes that drove
/// full collections, and an object per rule that every collection copied.</para>
/// </remarks>
public sealed class DesiredRuleTable
{
    private readonly RulePlanner _planner;
    private readonly PartitionedDictionary<Match, int> _matchIds = new(MatchComparer.Instance);
    /// <summary>
    /// Per switch, its slots by number in chunks of <see cref="ChunkSize"/> (MatchId -1 where a number is free).
    /// The first chunk grows from small (a large network's switches hold few rules each); chunks are never
    /// resized once full, so a switch with many rules costs no large-object copies as it grows.
    /// </summary>
    private readonly RuleSlotState[][][] _bySwitch;
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly int[] _counts;
    /// <summary>Scratch of <see cref="Commit"/>: per switch, its adds, replaces and removes (zero between commits).</summary>
    private readonly int[] _commitCounts;
    /// <summary>By match id: the first of the match's slots (chained by <see cref="RuleSlotState.NextOfMatch"/>).</summary>
    private readonly ChunkedList<RuleSlot> _byMatch = new();
    /// <summary>The slots claimed or released since the last commit, each with the rule the switch held before (null: none).</summary>
    /// <remarks>Kept here rather than in every slot: only a change's few slots need it, and it made every live rule 8 bytes larger.</remarks>
    private readonly List<(RuleSlot Slot, FlowRule? Before)> _touched = new();
    /// <summary>Per switch: the next slot number never used, and the numbers of dropped slots to reuse.</summary>
    private readonly int[] _nextNumber;
    private readonly Stack<int>?[] _freeNumbers;
    private long _change = 1;
    /// <summary>The last rules <see cref="RuleFor"/> made (a path's worth), to share equal ones.</summary>
    private readonly FlowRule?[] _recentRules = new FlowRule?[8];
    private int _nextRecent;

    public DesiredRuleTable(int switchCount, RulePlanner planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        _planner = planner;
        _bySwitch = new RuleSlotState[switchCount][][];
        for (var s = 0; s < switchCount; s++) _bySwitch[s] = [[]];
        _counts = new int[switchCount];
        _commitCounts = new int[3 * switchCount];
        _nextNumber = new int[switchCount];
        _freeNumbers = new Stack<int>?[switchCount];
    }

    public int SwitchCount => _bySwitch.Length;

    /// <summary>Small id of a match; equal matches get the same id.</summary>
    public int InternMatch(Match match)
    {
        ref var id = ref _matchIds.GetValueRefOrAddDefault(match, out var known);
        if (!known)
        {
            id = _matchIds.Count - 1;
            _byMatch.Add(RuleSlot.None);
        }
        return id;
    }

    /// <summary>The rule the slot's claimants want (null once the last one released it).</summary>
    public FlowRule? RuleOf(RuleSlot slot)
    {
        ref var s = ref State(slot);
        return s.Refs > 0 ? s.Rule : null;
    }

    /// <summary>One flow direction wants its rule on this switch (in by inPort, out by outPort).</summary>
    public RuleSlot Claim(int switchIndex, int matchId, Match match, ulong cookie, int inPort, int outPort) =>
        Claim(switchIndex, matchId, match, cookie, _planner.ActionsFor(inPort, outPort));

    /// <summary>
    /// One flow direction wants a rule with these actions on this switch. <paramref name="priority"/> overrides the
    /// priority the match implies, for rules whose matches no flow direction uses (the controller's flow blocks);
    /// <paramref name="hardTimeout"/> (> 0) makes the switch remove the rule on its own that long after installing it.
    /// </summary>
    public RuleSlot Claim(int switchIndex, int matchId, Match match, ulong cookie, ImmutableArray<FlowAction> actions, int? priority = null, TimeSpan hardTimeout = default)
    {
        var slot = Find(switchIndex, matchId);
        if (slot.IsNone) slot = Add(switchIndex, matchId);
        Claim(slot, match, cookie, actions, priority, hardTimeout);
        return slot;
    }

    /// <summary>Claim again a slot this claimant released in the same change (same switch and match), with these actions.</summary>
    public void Claim(RuleSlot slot, Match match, ulong cookie, ImmutableArray<FlowAction> actions, int? priority = null, TimeSpan hardTimeout = default)
    {
        ref var s = ref State(slot);
        Touch(slot, ref s);
        // A released rule reclaimed with the same actions keeps its identity (nothing to send); a
        // conflicting claim on a live slot cannot happen with symmetric routes, the last one wins.
        if (s.Rule is null || s.Rule.Actions != actions)
            s.Rule = RuleFor(priority ?? _planner.PriorityOf(match), match, cookie, actions, hardTimeout);
        s.Refs++;
    }

    /// <summary>
    /// The rule with these fields: one a recent claim made when it is equal (a flow direction claims its path's
    /// switches one after the other, and wherever two of them leave by the same port number their rules are
    /// equal), else a new one. Rules are immutable values, so switches may share one; it saves an object that
    /// lives as long as the flow.
    /// </summary>
    private FlowRule RuleFor(int priority, Match match, ulong cookie, ImmutableArray<FlowAction> actions, TimeSpan hardTimeout)
    {
        foreach (var r in _recentRules)
            if (r is not null && ReferenceEquals(r.Match, match) && r.Cookie == cookie && r.Actions == actions && r.Priority == priority
                && r.HardTimeout == hardTimeout)
                return r;
        var rule = new FlowRule(priority, match, actions) { Cookie = cookie, HardTimeout = hardTimeout };
        _recentRules[_nextRecent] = rule;
        _nextRecent = (_nextRecent + 1) % _recentRules.Length;
        return rule;
    }

    /// <summary>One flow direction no longer wants its rule on this switch.</summary>
    public void Release(int switchIndex, int matchId)
    {
        var slot = Find(switchIndex, matchId);
        if (slot.IsNone) throw new InvalidOperationException($"no rule with match #{matchId} on switch #{switchIndex} to release");
        Release(slot);
    }

    /// <summary>One flow direction no longer wants the slot it claimed.</summary>
    public void Release(RuleSlot slot)
    {
        ref var s = ref State(slot);
        if (s.Refs == 0) throw new InvalidOperationException($"rule with match #{s.MatchId} on switch #{slot.SwitchIndex} released more often than claimed");
        Touch(slot, ref s);
        s.Refs--;
    }

    /// <summary>The net effect of the claims and releases since the last commit (the desired state is already updated).</summary>
    public RuleChanges Commit()
    {
        var changes = new RuleChanges(_bySwitch.Length);
        var touched = CollectionsMarshal.AsSpan(_touched);
        // First count each switch's adds, replaces and removes, so its lists are made at their size: lists
        // grown by doubling were a large share of an update's garbage.
        var counts = _commitCounts;
        foreach (var (slot, before) in touched)
            if (KindOf(ref State(slot), before) is var kind and >= 0) counts[3 * slot.SwitchIndex + kind]++;
        foreach (var (slot, before) in touched)
        {
            var sw = slot.SwitchIndex;
            ref var s = ref State(slot);
            var now = s.Refs > 0 ? s.Rule : null;
            switch (KindOf(ref s, before))
            {
                case ChangeAdd: changes.Add(sw, now!, slot.Number, replacing: false, counts[3 * sw + ChangeAdd]); break;
                case ChangeReplace: changes.Add(sw, now!, slot.Number, replacing: true, counts[3 * sw + ChangeReplace]); break;
                case ChangeRemove: changes.Remove(sw, before!, slot.Number, counts[3 * sw + ChangeRemove]); break;
            }
            if (now is null) Drop(slot, ref s);
        }
        foreach (var (slot, _) in touched) counts.AsSpan(3 * slot.SwitchIndex, 3).Clear();
        _touched.Clear();
        _change++;
        return changes;
    }

    private const int ChangeAdd = 0, ChangeReplace = 1, ChangeRemove = 2;

    /// <summary>What the commit sends for a touched slot: add, replace, remove, or nothing (-1).</summary>
    private static int KindOf(ref RuleSlotState s, FlowRule? before)
    {
        var now = s.Refs > 0 ? s.Rule : null;
        if (now is not null && (before is null || before.Actions != now.Actions)) return before is null ? ChangeAdd : ChangeReplace;
        return now is null && before is not null ? ChangeRemove : -1;
    }

    /// <summary>Every rule the switch should hold now (including changes still being installed).</summary>
    public ImmutableArray<FlowRule> RulesOf(int switchIndex)
    {
        var rules = ImmutableArray.CreateBuilder<FlowRule>(_counts[switchIndex]);
        foreach (var chunk in _bySwitch[switchIndex])
            foreach (ref readonly var s in chunk.AsSpan())
                if (s is { MatchId: >= 0, Refs: > 0, Rule: not null }) rules.Add(s.Rule);
        return rules.DrainToImmutable();
    }

    public int CountOf(int switchIndex) => _counts[switchIndex];

    private ref RuleSlotState State(RuleSlot slot)
    {
        ref var s = ref At(slot);
        if (s.MatchId < 0) throw new InvalidOperationException($"slot #{slot.Number} on switch #{slot.SwitchIndex} is not in use");
        return ref s;
    }

    private RuleSlot Find(int switchIndex, int matchId)
    {
        for (var slot = _byMatch[matchId]; !slot.IsNone; slot = At(slot).NextOfMatch)
            if (slot.SwitchIndex == switchIndex) return slot;
        return RuleSlot.None;
    }

    private RuleSlot Add(int switchIndex, int matchId)
    {
        var number = _freeNumbers[switchIndex] is { Count: > 0 } free ? free.Pop() : _nextNumber[switchIndex]++;
        Reserve(switchIndex, number);
        var slot = new RuleSlot(switchIndex, number);
        At(slot) = new RuleSlotState { MatchId = matchId, NextOfMatch = _byMatch[matchId] };
        _byMatch[matchId] = slot;
        _counts[switchIndex]++;
        return slot;
    }

    private ref RuleSlotState At(RuleSlot slot) => ref _bySwitch[slot.SwitchIndex][slot.Number >> ChunkBits][slot.Number & (ChunkSize - 1)];

    /// <summary>Makes room for slot number <paramref name="number"/> (numbers are handed out one past the highest, or reused).</summary>
    private void Reserve(int switchIndex, int number)
    {
        ref var chunks = ref _bySwitch[switchIndex];
        var c = number >> ChunkBits;
        if (c >= chunks.Length) Array.Resize(ref chunks, Math.Max(c + 1, 2 * chunks.Length));
        ref var chunk = ref chunks[c];
        chunk ??= [];
        var i = number & (ChunkSize - 1);
        if (i < chunk.Length) return;
        var old = chunk.Length;
        // Only the first chunk grows from small: a switch that needs a second one is large, and doubling every
        // chunk from 4 to ChunkSize allocated each twice over.
        Array.Resize(ref chunk, c > 0 ? ChunkSize : Math.Min(ChunkSize, Math.Max(4, Math.Max(i + 1, 2 * old))));
        for (var k = old; k < chunk.Length; k++) chunk[k].MatchId = -1;
    }

    /// <summary>The slot's last claimant left and the commit reported it: it leaves the table, its number is free.</summary>
    private void Drop(RuleSlot slot, ref RuleSlotState s)
    {
        var sw = slot.SwitchIndex;
        var matchId = s.MatchId;
        if (_byMatch[matchId] == slot) _byMatch[matchId] = s.NextOfMatch;
        else
            for (var before = _byMatch[matchId]; !before.IsNone;)
            {
                ref var b = ref At(before);
                if (b.NextOfMatch == slot)
                {
                    b.NextOfMatch = s.NextOfMatch;
                    break;
                }
                before = b.NextOfMatch;
            }
        s = new RuleSlotState { MatchId = -1 };
        _counts[sw]--;
        // Reusable at once: the switch actor clears a slot on a removal only if it still holds that rule.
        (_freeNumbers[sw] ??= new Stack<int>()).Push(slot.Number);
    }

    private void Touch(RuleSlot slot, ref RuleSlotState s)
    {
        if (s.TouchedIn != _change)
        {
            s.TouchedIn = _change;
            _touched.Add((slot, s.Refs > 0 ? s.Rule : null));
        }
    }
}
