using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SdnController.Controller.Planning;
using SdnController.Controller.Switches;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

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
/// <para>No dictionary per switch: a switch's slots sit in an array by their <see cref="RuleSlot.Number"/>
/// (which the switch actor reuses to confirm them), and the slots of one match are chained from the match's
/// id, so finding (switch, match) walks the few switches that match is on. Half a million rules in keyed
/// per-switch tables cost a hash per claim and large-object resizes that drove full collections.</para>
/// </remarks>
public sealed class DesiredRuleTable
{
    private readonly RulePlanner _planner;
    private readonly Dictionary<Match, int> _matchIds = new(MatchComparer.Instance);
    /// <summary>Per switch, its live slots by number (null where a number is free).</summary>
    private readonly RuleSlot?[][] _bySwitch;
    private readonly int[] _counts;
    /// <summary>By match id: the first of the match's slots (chained by <see cref="RuleSlot.NextOfMatch"/>).</summary>
    private readonly List<RuleSlot?> _byMatch = new();
    private readonly List<RuleSlot> _touched = new();
    /// <summary>Per switch: the next slot number never used, and the numbers of dropped slots to reuse.</summary>
    private readonly int[] _nextNumber;
    private readonly Stack<int>?[] _freeNumbers;
    private long _change = 1;

    public DesiredRuleTable(int switchCount, RulePlanner planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        _planner = planner;
        _bySwitch = new RuleSlot?[switchCount][];
        for (var s = 0; s < switchCount; s++) _bySwitch[s] = [];
        _counts = new int[switchCount];
        _nextNumber = new int[switchCount];
        _freeNumbers = new Stack<int>?[switchCount];
    }

    public int SwitchCount => _bySwitch.Length;

    /// <summary>Small id of a match; equal matches get the same id.</summary>
    public int InternMatch(Match match)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_matchIds, match, out var known);
        if (!known)
        {
            id = _matchIds.Count - 1;
            _byMatch.Add(null);
        }
        return id;
    }

    /// <summary>One flow direction wants its rule on this switch (in by inPort, out by outPort).</summary>
    public RuleSlot Claim(int switchIndex, int matchId, Match match, ulong cookie, int inPort, int outPort) =>
        Claim(switchIndex, matchId, match, cookie, _planner.ActionsFor(inPort, outPort));

    /// <summary>One flow direction wants a rule with these actions on this switch.</summary>
    public RuleSlot Claim(int switchIndex, int matchId, Match match, ulong cookie, ImmutableArray<FlowAction> actions)
    {
        var slot = Find(switchIndex, matchId) ?? Add(switchIndex, matchId);
        Claim(slot, match, cookie, actions);
        return slot;
    }

    /// <summary>Claim again a slot this claimant released in the same change (same switch and match), with these actions.</summary>
    public void Claim(RuleSlot slot, Match match, ulong cookie, ImmutableArray<FlowAction> actions)
    {
        Touch(slot);
        // A released rule reclaimed with the same actions keeps its identity (nothing to send); a
        // conflicting claim on a live slot cannot happen with symmetric routes, the last one wins.
        if (slot.Rule is null || slot.Rule.Actions != actions)
            slot.Rule = new FlowRule(_planner.PriorityOf(match), match, actions) { Cookie = cookie };
        slot.Refs++;
    }

    /// <summary>One flow direction no longer wants its rule on this switch.</summary>
    public void Release(int switchIndex, int matchId)
    {
        if (Find(switchIndex, matchId) is not { } slot) throw new InvalidOperationException($"no rule with match #{matchId} on switch #{switchIndex} to release");
        Release(slot);
    }

    /// <summary>One flow direction no longer wants the slot it claimed.</summary>
    public void Release(RuleSlot slot)
    {
        if (slot.Refs == 0) throw new InvalidOperationException($"rule with match #{slot.MatchId} on switch #{slot.SwitchIndex} released more often than claimed");
        Touch(slot);
        slot.Refs--;
    }

    /// <summary>The net effect of the claims and releases since the last commit (the desired state is already updated).</summary>
    public RuleChanges Commit()
    {
        var changes = new RuleChanges(_bySwitch.Length);
        foreach (var slot in CollectionsMarshal.AsSpan(_touched))
        {
            var sw = slot.SwitchIndex;
            var now = slot.Refs > 0 ? slot.Rule : null;
            if (now is not null && (slot.Before is null || slot.Before.Actions != now.Actions))
                changes.Add(sw, now, slot.Number, replacing: slot.Before is not null);
            else if (now is null && slot.Before is not null)
                changes.Remove(sw, slot.Before, slot.Number);
            if (now is null) Drop(slot);
            slot.Before = null;
        }
        _touched.Clear();
        _change++;
        return changes;
    }

    /// <summary>Every rule the switch should hold now (including changes still being installed).</summary>
    public ImmutableArray<FlowRule> RulesOf(int switchIndex)
    {
        var rules = ImmutableArray.CreateBuilder<FlowRule>(_counts[switchIndex]);
        foreach (var slot in _bySwitch[switchIndex])
            if (slot is { Refs: > 0, Rule: not null }) rules.Add(slot.Rule);
        return rules.DrainToImmutable();
    }

    public int CountOf(int switchIndex) => _counts[switchIndex];

    private RuleSlot? Find(int switchIndex, int matchId)
    {
        for (var slot = _byMatch[matchId]; slot is not null; slot = slot.NextOfMatch)
            if (slot.SwitchIndex == switchIndex) return slot;
        return null;
    }

    private RuleSlot Add(int switchIndex, int matchId)
    {
        var number = _freeNumbers[switchIndex] is { Count: > 0 } free ? free.Pop() : _nextNumber[switchIndex]++;
        var slot = new RuleSlot(switchIndex, matchId, number) { NextOfMatch = _byMatch[matchId] };
        _byMatch[matchId] = slot;
        ref var slots = ref _bySwitch[switchIndex];
        if (number >= slots.Length) Array.Resize(ref slots, Math.Max(16, Math.Max(number + 1, 2 * slots.Length)));
        slots[number] = slot;
        _counts[switchIndex]++;
        return slot;
    }

    /// <summary>The slot's last claimant left and the commit reported it: it leaves the table, its number is free.</summary>
    private void Drop(RuleSlot slot)
    {
        var sw = slot.SwitchIndex;
        if (!ReferenceEquals(_bySwitch[sw][slot.Number], slot)) return;
        _bySwitch[sw][slot.Number] = null;
        _counts[sw]--;
        if (ReferenceEquals(_byMatch[slot.MatchId], slot)) _byMatch[slot.MatchId] = slot.NextOfMatch;
        else
            for (var before = _byMatch[slot.MatchId]; before is not null; before = before.NextOfMatch)
                if (ReferenceEquals(before.NextOfMatch, slot))
                {
                    before.NextOfMatch = slot.NextOfMatch;
                    break;
                }
        slot.NextOfMatch = null;
        // Reusable at once: the switch actor clears a slot on a removal only if it still holds that rule.
        (_freeNumbers[sw] ??= new Stack<int>()).Push(slot.Number);
    }

    private void Touch(RuleSlot slot)
    {
        if (slot.TouchedIn != _change)
        {
            slot.TouchedIn = _change;
            slot.Before = slot.Refs > 0 ? slot.Rule : null;
            _touched.Add(slot);
        }
    }
}
