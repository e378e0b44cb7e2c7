using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SdnController.Controller.Planning;
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
/// are interned to small ints once per flow, so the hot path hashes ints, not match records; a claim
/// returns its <see cref="RuleSlot"/>, which the claimant passes back to release or re-claim it
/// without a lookup.
/// </remarks>
public sealed class DesiredRuleTable
{
    private readonly RulePlanner _planner;
    private readonly Dictionary<Match, int> _matchIds = new();
    private readonly Dictionary<int, RuleSlot>[] _bySwitch;
    private readonly List<RuleSlot> _touched = new();
    /// <summary>Per switch: the next slot number never used, and the numbers of dropped slots to reuse.</summary>
    private readonly int[] _nextNumber;
    private readonly Stack<int>?[] _freeNumbers;
    private long _change = 1;

    public DesiredRuleTable(int switchCount, RulePlanner planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        _planner = planner;
        _bySwitch = new Dictionary<int, RuleSlot>[switchCount];
        for (var s = 0; s < switchCount; s++) _bySwitch[s] = new Dictionary<int, RuleSlot>();
        _nextNumber = new int[switchCount];
        _freeNumbers = new Stack<int>?[switchCount];
    }

    public int SwitchCount => _bySwitch.Length;

    /// <summary>Small id of a match; equal matches get the same id.</summary>
    public int InternMatch(Match match)
    {
        if (!_matchIds.TryGetValue(match, out var id))
        {
            id = _matchIds.Count;
            _matchIds[match] = id;
        }
        return id;
    }

    /// <summary>One flow direction wants its rule on this switch (in by inPort, out by outPort).</summary>
    public RuleSlot Claim(int switchIndex, int matchId, Match match, ulong cookie, int inPort, int outPort) =>
        Claim(switchIndex, matchId, match, cookie, _planner.ActionsFor(inPort, outPort));

    /// <summary>One flow direction wants a rule with these actions on this switch.</summary>
    public RuleSlot Claim(int switchIndex, int matchId, Match match, ulong cookie, ImmutableArray<FlowAction> actions)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySwitch[switchIndex], matchId, out _);
        slot ??= new RuleSlot(switchIndex, matchId, NewNumber(switchIndex));
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
        if (!_bySwitch[switchIndex].TryGetValue(matchId, out var slot)) throw new InvalidOperationException($"no rule with match #{matchId} on switch #{switchIndex} to release");
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
            if (now is null && _bySwitch[sw].Remove(slot.MatchId))
                // Reusable at once: the switch actor clears a slot on a removal only if it still holds that rule.
                (_freeNumbers[sw] ??= new Stack<int>()).Push(slot.Number);
            slot.Before = null;
        }
        _touched.Clear();
        _change++;
        return changes;
    }

    /// <summary>Every rule the switch should hold now (including changes still being installed).</summary>
    public ImmutableArray<FlowRule> RulesOf(int switchIndex)
    {
        var slots = _bySwitch[switchIndex];
        var rules = ImmutableArray.CreateBuilder<FlowRule>(slots.Count);
        foreach (var slot in slots.Values)
            if (slot.Refs > 0 && slot.Rule is not null) rules.Add(slot.Rule);
        return rules.DrainToImmutable();
    }

    public int CountOf(int switchIndex) => _bySwitch[switchIndex].Count;

    private int NewNumber(int switchIndex) =>
        _freeNumbers[switchIndex] is { Count: > 0 } free ? free.Pop() : _nextNumber[switchIndex]++;

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
