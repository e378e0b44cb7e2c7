using SdnController.Controller.Messages;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// A switch's confirmed rules by (priority, match). Updates confirmed by a barrier are logged rather than
/// applied at once: applying a reroute's thousands of rule changes to the dictionary was an eighth of the
/// reroute's critical path (failure → last barrier), and nothing reads the table there. Every read applies
/// the log first, in confirmation order, and the owner applies it once the switch is quiet, so the table
/// is exact whenever anyone looks at it and the log stays short.
/// </summary>
internal sealed class ConfirmedRules
{
    /// <summary>Rule changes the log may hold before it is applied regardless (bounds its memory).</summary>
    public const int MaxLoggedRules = 1 << 16;

    private readonly Dictionary<RuleKey, FlowRule> _table = new(RuleKeyComparer.Instance);
    private readonly List<ApplyRules> _log = new();
    private int _loggedRules;

    /// <summary>The confirmed rules, with every logged update applied.</summary>
    public Dictionary<RuleKey, FlowRule> Table
    {
        get
        {
            Flush();
            return _table;
        }
    }

    public bool HasLogged => _log.Count > 0;

    /// <summary>
    /// The confirmed groups by id. Applied at once (not logged): a switch holds few groups, and rules and
    /// groups are separate tables, so their order of application does not matter.
    /// </summary>
    public Dictionary<uint, GroupEntry> Groups { get; } = new();

    /// <summary>A barrier proved this update applied. True when the log went from empty to not empty (time to arrange a flush).</summary>
    public bool Log(ApplyRules update)
    {
        if (update.HasGroups) RuleTableUpdate.ApplyGroups(Groups, update);
        var wasEmpty = _log.Count == 0;
        _log.Add(update);
        _loggedRules += (update.Add.IsDefault ? 0 : update.Add.Length) + (update.Remove.IsDefault ? 0 : update.Remove.Length);
        if (_loggedRules <= MaxLoggedRules) return wasEmpty;
        Flush();
        return false;
    }

    /// <summary>Applies the logged updates in the order they were confirmed.</summary>
    public void Flush()
    {
        if (_log.Count == 0) return;
        foreach (var update in _log) RuleTableUpdate.Apply(_table, update);
        _log.Clear();
        _loggedRules = 0;
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
        _log.Clear();
        _loggedRules = 0;
        _table.Clear();
    }
}
