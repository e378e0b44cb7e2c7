using System.Collections.Immutable;
using SdnController.Controller.Planning;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>
/// The flow rules every switch should hold, keyed by match (all flow rules share one priority, so the
/// match alone is the OpenFlow identity (priority, match)). Flow directions claim and release rules;
/// <see cref="Commit"/> turns everything claimed or released since the last commit into the adds and
/// removes the switches need.
/// </summary>
/// <remarks>
/// Two flow directions can share a match (the same hosts, protocol and ports declared twice, or an
/// ICMP connectivity flow beside declared ICMP traffic). Routes are symmetric, so such directions
/// always want the same rule: a slot counts its claimants and disappears with the last one. Matches
/// are interned to small ints once per flow, so the hot path hashes ints, not match records.
/// </remarks>
public sealed class DesiredRuleTable
{
    private readonly RulePlanner _planner;
    private readonly Dictionary<Match, int> _matchIds = new();
    private readonly Dictionary<int, Slot>[] _bySwitch;
    private readonly List<(int Switch, int MatchId, Slot Slot)> _touched = new();
    private long _change = 1;

    public DesiredRuleTable(int switchCount, RulePlanner planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        _planner = planner;
        _bySwitch = new Dictionary<int, Slot>[switchCount];
        for (var s = 0; s < switchCount; s++) _bySwitch[s] = new Dictionary<int, Slot>();
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
    public void Claim(int switchIndex, int matchId, Match match, ulong cookie, int inPort, int outPort)
    {
        var slot = Touch(switchIndex, matchId);
        var actions = _planner.ActionsFor(inPort, outPort);
        // A released rule reclaimed with the same actions keeps its identity (nothing to send); a
        // conflicting claim on a live slot cannot happen with symmetric routes, the last one wins.
        if (slot.Rule is null || slot.Rule.Actions != actions)
            slot.Rule = new FlowRule(_planner.Priority, match, actions) { Cookie = cookie };
        slot.Refs++;
    }

    /// <summary>One flow direction no longer wants its rule on this switch.</summary>
    public void Release(int switchIndex, int matchId)
    {
        if (!_bySwitch[switchIndex].TryGetValue(matchId, out var slot)) throw new InvalidOperationException($"no rule with match #{matchId} on switch #{switchIndex} to release");
        Touch(switchIndex, matchId, slot);
        if (slot.Refs == 0) throw new InvalidOperationException($"rule with match #{matchId} on switch #{switchIndex} released more often than claimed");
        slot.Refs--;
    }

    /// <summary>The net effect of the claims and releases since the last commit (the desired state is already updated).</summary>
    public RuleChanges Commit()
    {
        var changes = new RuleChanges(_bySwitch.Length);
        foreach (var (sw, matchId, slot) in _touched)
        {
            var now = slot.Refs > 0 ? slot.Rule : null;
            if (now is not null && (slot.Before is null || slot.Before.Actions != now.Actions))
                changes.Add(sw, now, replacing: slot.Before is not null);
            else if (now is null && slot.Before is not null)
                changes.Remove(sw, slot.Before);
            if (now is null) _bySwitch[sw].Remove(matchId);
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

    private Slot Touch(int sw, int matchId)
    {
        var slots = _bySwitch[sw];
        if (!slots.TryGetValue(matchId, out var slot))
        {
            slot = new Slot();
            slots[matchId] = slot;
        }
        Touch(sw, matchId, slot);
        return slot;
    }

    private void Touch(int sw, int matchId, Slot slot)
    {
        if (slot.TouchedIn != _change)
        {
            slot.TouchedIn = _change;
            slot.Before = slot.Refs > 0 ? slot.Rule : null;
            _touched.Add((sw, matchId, slot));
        }
    }

    private sealed class Slot
    {
        public FlowRule? Rule;
        public int Refs;
        public long TouchedIn;
        /// <summary>The rule the switch held when this change first touched the slot (null: none).</summary>
        public FlowRule? Before;
    }
}
