using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// Reads one scenario event: <c>at</c> plus exactly one action key (link, switch, flap,
/// random-link-failures, expect) and that action's options.
/// </summary>
internal static class EventReader
{
    /// <summary>A read event and where its <c>at</c> value is, for the ordering checks.</summary>
    public readonly record struct Result(ScenarioEvent Event, SourceLocation AtLocation);

    /// <param name="defaultSeed">Seed for random failures that state none: the scenario's, else 1.</param>
    public static Result? Read(YMapping item, TopologyRefs refs, int defaultSeed, DiagnosticBag diagnostics)
    {
        var action = FindAction(item, diagnostics);
        if (action is null) return null;

        var m = new MappingReader(item, $"{action} event", TopologyYamlKeys.EventKeys(action), diagnostics);
        TimeSpan? at = null;
        SourceLocation? atLocation = null;
        if (m.Require("at", diagnostics, out var atEntry))
        {
            at = SectionValues.Duration(atEntry, diagnostics);
            atLocation = atEntry.Value.Location;
        }
        m.TryGet(action, out var actionEntry);
        var ev = action switch
        {
            "link" => ReadLink(m, actionEntry, refs, diagnostics),
            "switch" => ReadSwitch(m, actionEntry, refs, diagnostics),
            "nfv" => ReadNfv(m, actionEntry, refs, diagnostics),
            "flap" => ReadFlap(m, actionEntry, refs, diagnostics),
            "random-link-failures" => ReadRandom(m, actionEntry, refs, defaultSeed, diagnostics),
            "controller" => ReadController(actionEntry, diagnostics),
            _ => ReadExpect(actionEntry, refs, diagnostics),
        };
        if (ev is null || at is null) return null;
        return new Result(ev(at.Value) with { Source = item.Location }, atLocation!);
    }

    /// <summary>The one action key, or null after reporting none or several.</summary>
    private static string? FindAction(YMapping item, DiagnosticBag diagnostics)
    {
        string? found = null;
        foreach (var entry in item.Entries)
        {
            if (entry.Key is not YScalar key || !TopologyYamlKeys.EventActions.Contains(key.Value) || key.Value == found) continue;
            if (found is not null)
            {
                diagnostics.Error(key.Location, $"an event has one action, found '{found}' and '{key.Value}'; write one event per action");
                return null;
            }
            found = key.Value;
        }
        if (found is not null) return found;
        // Check the keys anyway: a misspelt action ("lnik") is best reported as such.
        var before = diagnostics.ErrorCount();
        var m = new MappingReader(item, "event", TopologyYamlKeys.AnyEvent, diagnostics);
        if (diagnostics.ErrorCount() == before)
            diagnostics.Error(item.Location, $"event has no action; expected one of the keys {string.Join(", ", TopologyYamlKeys.EventActions)}");
        return null;
    }

    private static bool? ReadState(MappingReader m, DiagnosticBag diagnostics)
    {
        if (!m.Require("state", diagnostics, out var e)) return null;
        var s = ValueReaders.Scalar(e, "up or down", diagnostics);
        if (s is null) return null;
        switch (s.Value.Trim())
        {
            case "up": return true;
            case "down": return false;
        }
        diagnostics.Error(s.Location, $"expected 'up' or 'down' for 'state', found {s.Describe()}{DidYouMean.Hint(s.Value, new[] { "up", "down" })}");
        return null;
    }

    private static Func<TimeSpan, ScenarioEvent>? ReadLink(MappingReader m, YEntry action, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var link = ReadLinkRef(action, refs, diagnostics);
        var up = ReadState(m, diagnostics);
        var silent = false;
        if (m.TryGet("silent", out var e))
        {
            var value = SectionValues.Boolean(e, diagnostics);
            if (value is null) return null;
            silent = value.Value;
            if (silent && up == true)
            {
                diagnostics.Error(e.Key.Location, "'silent: true' applies only to 'state: down' (a link cannot come up silently)");
                return null;
            }
        }
        if (link is null || up is null) return null;
        return at => new LinkStateEvent(at, link, up.Value) { Silent = silent };
    }

    private static Func<TimeSpan, ScenarioEvent>? ReadSwitch(MappingReader m, YEntry action, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(action, "switch id", diagnostics);
        var up = ReadState(m, diagnostics);
        if (s is null) return null;
        var id = s.Value.Trim();
        if (refs.IsChecked && !refs.IsSwitch(id))
        {
            diagnostics.Error(s.Location, refs.IsHost(id)
                ? $"'{id}' is a host; 'switch' events name switches"
                : $"unknown switch '{id}'{DidYouMean.Hint(id, refs.SwitchIds)}");
            return null;
        }
        if (up is null) return null;
        return at => new SwitchStateEvent(at, id, up.Value);
    }

    private static Func<TimeSpan, ScenarioEvent>? ReadNfv(MappingReader m, YEntry action, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(action, "network function id", diagnostics);
        var up = ReadState(m, diagnostics);
        if (s is null) return null;
        var id = s.Value.Trim();
        if (refs.IsChecked && !refs.IsNfv(id))
        {
            diagnostics.Error(s.Location, refs.IsSwitch(id) || refs.IsHost(id)
                ? $"'{id}' is a {(refs.IsSwitch(id) ? "switch" : "host")}; 'nfv' events name network functions of the 'nfv:' section"
                : refs.NfvIds.Any()
                    ? $"unknown network function '{id}'{DidYouMean.Hint(id, refs.NfvIds)}"
                    : $"unknown network function '{id}': the topology has no 'nfv:' instances");
            return null;
        }
        if (up is null) return null;
        return at => new NfvStateEvent(at, id, up.Value);
    }

    /// <summary><c>controller: restart</c>: the controller is killed and started again (with --state it recovers its intents).</summary>
    private static Func<TimeSpan, ScenarioEvent>? ReadController(YEntry action, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(action, "controller action", diagnostics);
        if (s is null) return null;
        if (s.Value.Trim() != "restart")
        {
            diagnostics.Error(s.Location, $"expected 'restart' for 'controller', found {s.Describe()}{DidYouMean.Hint(s.Value, new[] { "restart" })}");
            return null;
        }
        return at => new ControllerRestartEvent(at);
    }

    private static Func<TimeSpan, ScenarioEvent>? ReadFlap(MappingReader m, YEntry action, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var link = ReadLinkRef(action, refs, diagnostics);
        var period = m.Require("period", diagnostics, out var e) ? SectionValues.PositiveDuration(e, diagnostics) : null;
        var count = m.Require("count", diagnostics, out e) ? SectionValues.Integer(e, "number of down/up cycles", 1, 1_000_000, diagnostics) : null;
        if (link is null || period is null || count is null) return null;
        return at => new LinkFlapEvent(at, link, period.Value, count.Value);
    }

    private static Func<TimeSpan, ScenarioEvent>? ReadRandom(MappingReader m, YEntry action, TopologyRefs refs, int defaultSeed, DiagnosticBag diagnostics)
    {
        var count = SectionValues.Integer(action, "number of links to fail", 1, int.MaxValue, diagnostics);
        if (count is { } c && refs.IsChecked && c > refs.LinkCount)
        {
            diagnostics.Error(action.Value.Location, $"cannot fail {c} random links: the topology has {refs.LinkCount} link{(refs.LinkCount == 1 ? "" : "s")}");
            count = null;
        }
        var seedStated = m.TryGet("seed", out var e);
        var seed = seedStated ? SectionValues.Integer(e, "random seed", int.MinValue, int.MaxValue, diagnostics) : defaultSeed;
        TimeSpan? restore = null;
        var restoreOk = true;
        if (m.TryGet("restore-after", out e))
        {
            restore = SectionValues.PositiveDuration(e, diagnostics);
            restoreOk = restore is not null;
        }
        if (count is null || seed is null || !restoreOk) return null;
        return at => new RandomLinkFailuresEvent(at, count.Value, seed.Value) { RestoreAfter = restore, SeedStated = seedStated };
    }

    private static Func<TimeSpan, ScenarioEvent>? ReadExpect(YEntry action, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(action, "e.g. h1 reaches h2", diagnostics);
        if (s is null) return null;
        var parsed = ExpectParser.Parse(s, refs, diagnostics);
        if (parsed is not { } p) return null;
        return at => new ExpectEvent(at, p.Kind, p.From, p.To);
    }

    private static string? ReadLinkRef(YEntry action, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(action, "link id or switch-switch", diagnostics);
        return s is null ? null : LinkResolver.Resolve(s, refs, diagnostics);
    }
}
