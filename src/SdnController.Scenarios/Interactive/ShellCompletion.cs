namespace SdnController.Scenarios.Interactive;

/// <summary>
/// What Tab offers: the word under the cursor is replaced from <see cref="Start"/>; <see cref="Candidates"/>
/// are the words that fit (sorted), <see cref="CommonPrefix"/> what every candidate starts with.
/// </summary>
public sealed record CompletionResult(int Start, string Word, IReadOnlyList<string> Candidates)
{
    public string CommonPrefix
    {
        get
        {
            if (Candidates.Count == 0) return Word;
            var prefix = Candidates[0];
            foreach (var c in Candidates)
            {
                var n = 0;
                while (n < prefix.Length && n < c.Length && prefix[n] == c[n]) n++;
                prefix = prefix[..n];
            }
            return prefix;
        }
    }
}

/// <summary>
/// Tab completion for the shell, from the command table and the topology's names: the first word
/// completes to a command, later words to what that command takes there (switches, a switch's
/// neighbours, hosts, down/up, last, block ids). Pure: no console, no session.
/// </summary>
public sealed class ShellCompletion
{
    private static readonly string[] UpDown = ["down", "up"];
    private static readonly string[] FunctionActions = ["down", "rules", "up"];
    private readonly Topology.Model.Topology _topology;
    private readonly List<string> _switches = [];
    private readonly List<string> _hosts = [];
    private readonly List<string> _functions = [];
    private readonly List<string> _commands;

    public ShellCompletion(Topology.Model.Topology topology)
    {
        _topology = topology;
        foreach (var s in topology.Switches) _switches.Add(s.Id);
        foreach (var h in topology.Hosts) _hosts.Add(h.Id);
        foreach (var f in topology.Nfv) _functions.Add(f.Id);
        _commands = [.. ShellCommandTable.Names()];
    }

    /// <summary>The ids `unblock` offers besides "all" (the blocks in force); none unless a session sets it.</summary>
    public Func<IEnumerable<string>>? BlockIds { get; init; }

    /// <summary>Candidates for the word that ends at <paramref name="cursor"/> in <paramref name="line"/>.</summary>
    public CompletionResult Complete(string line, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, line.Length);
        var start = cursor;
        while (start > 0 && !char.IsWhiteSpace(line[start - 1])) start--;
        var word = line[start..cursor];
        var before = ShellInterpreter.Split(line[..start]);
        if (line[..start].Contains('#')) return new CompletionResult(start, word, []);
        // Mininet's "h1 ping h2": the host comes first.
        if (before.Count >= 2 && before[1] == "ping" && _topology.IndexOfHost(before[0]) >= 0)
            (before[0], before[1]) = (before[1], before[0]);
        return new CompletionResult(start, word, Filter(Options(before), word));
    }

    private IEnumerable<string> Options(List<string> before)
    {
        if (before.Count == 0) return _commands;
        var index = before.Count;
        switch (before[0])
        {
            case "help":
                return index == 1 ? _commands : [];
            case "link":
                return index switch
                {
                    1 => _switches,
                    2 => Neighbours(before[1]),
                    3 => UpDown,
                    4 when before[3] == "down" => ["silent"],
                    _ => [],
                };
            case "switch":
                return index switch { 1 => _switches, 2 => UpDown, _ => [] };
            case "nfv":
                return index switch { 1 => _functions, 2 => FunctionActions, _ => [] };
            case "flows":
                return index == 1 ? _switches : [];
            case "ping":
                return before[^1] == "-c" ? [] : index <= 4 ? _hosts : [];
            case "routes":
                return index <= 2 ? _hosts : [];
            case "trace":
                return index == 1 ? ["last"] : [];
            case "unblock":
                return index == 1 ? ["all", .. BlockIds?.Invoke() ?? []] : [];
            default:
                return [];
        }
    }

    /// <summary>The switches linked to <paramref name="node"/>; every switch when it is not a known switch.</summary>
    private IEnumerable<string> Neighbours(string node)
    {
        if (_topology.IndexOfSwitch(node) < 0) return _switches;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in _topology.Links)
            if (l.A.Node == node) set.Add(l.B.Node);
            else if (l.B.Node == node) set.Add(l.A.Node);
        set.Remove(node);
        return set;
    }

    private static List<string> Filter(IEnumerable<string> options, string word)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in options)
            if (o.StartsWith(word, StringComparison.Ordinal) && seen.Add(o)) result.Add(o);
        result.Sort(NaturalOrder.Compare);
        return result;
    }
}
