using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;

namespace SdnController.Scenarios.Interactive;

/// <summary>What one input line did.</summary>
public enum ShellLineKind { Done, Blank, Rejected, Exit }

/// <summary>The outcome of a line; Error is the message of a rejected line (without "error: ").</summary>
public readonly record struct ShellLineResult(ShellLineKind Kind, string? Error = null)
{
    public static readonly ShellLineResult Done = new(ShellLineKind.Done);
    public static readonly ShellLineResult Blank = new(ShellLineKind.Blank);
    public static readonly ShellLineResult Exit = new(ShellLineKind.Exit);
    public static ShellLineResult Rejected(string message) => new(ShellLineKind.Rejected, message);
}

/// <summary>
/// Reads one shell line, runs it on the session and writes its output. Words are separated by blanks;
/// `#` starts a comment. Bad input never throws: the line is rejected with a message that names the
/// problem and the nearest valid words, and the session goes on.
/// </summary>
public sealed class ShellInterpreter(NetworkSession session, TextWriter output)
{
    /// <summary>Longest `wait`: a day of network time.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>Columns of the trace waterfall.</summary>
    public int Width { get; init; } = SdnController.Telemetry.Waterfall.WaterfallRenderer.DefaultWidth;

    public ShellLineResult Execute(string line)
    {
        var words = Split(line);
        if (words.Count == 0) return ShellLineResult.Blank;
        // Mininet's "h1 ping h2".
        if (words.Count >= 3 && words[1] == "ping" && session.Topology.IndexOfHost(words[0]) >= 0)
            (words[0], words[1]) = (words[1], words[0]);
        try
        {
            return Run(words);
        }
        catch (SessionInputException e)
        {
            return ShellLineResult.Rejected(e.Message);
        }
    }

    public static List<string> Split(string line)
    {
        var hash = line.IndexOf('#');
        if (hash >= 0) line = line[..hash];
        return [.. line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];
    }

    private ShellLineResult Run(List<string> w)
    {
        var name = w[0];
        var args = w.Count - 1;
        switch (name)
        {
            case "exit" or "quit":
                Expect(name, args, 0, 0);
                return ShellLineResult.Exit;
            case "help":
                Expect(name, args, 0, 1);
                Help(args == 1 ? w[1] : null);
                break;
            case "net":
                Expect(name, args, 0, 0);
                ShellText.Net(output, session.Nodes());
                break;
            case "nodes":
                Expect(name, args, 0, 0);
                ShellText.Nodes(output, session.Nodes());
                break;
            case "links":
                Expect(name, args, 0, 0);
                ShellText.Links(output, session.Nodes(), session.Links());
                break;
            case "link":
            {
                Expect(name, args, 3, 4);
                var up = UpDown(name, w[3]);
                var silent = false;
                if (args == 4)
                {
                    if (w[4] != "silent") throw Usage(name, $"expected 'silent' after '{w[3]}', found '{w[4]}'");
                    if (up) throw Usage(name, "only a failure can be silent");
                    silent = true;
                }
                ShellText.Change(output, session.SetLink(w[1], w[2], up, silent), session.Origin);
                break;
            }
            case "switch":
                Expect(name, args, 2, 2);
                ShellText.Change(output, session.SetSwitch(w[1], UpDown(name, w[2])), session.Origin);
                break;
            case "nfv":
                Expect(name, args, 0, 2);
                if (args == 0) ShellText.Functions(output, session.Functions());
                else if (args == 1) throw Usage(name, $"expected 'rules', 'down' or 'up' after '{w[1]}'");
                else if (w[2] == "rules") ShellText.FunctionRules(output, session.Functions(w[1])[0]);
                else if (w[2] is "down" or "up") ShellText.Change(output, session.SetFunction(w[1], w[2] == "up"), session.Origin);
                else throw Usage(name, $"expected 'rules', 'down' or 'up', found '{w[2]}'");
                break;
            case "chains":
                Expect(name, args, 0, 0);
                ShellText.Chains(output, session.Chains());
                break;
            case "blocks":
                Expect(name, args, 0, 0);
                ShellText.Blocks(output, session.Blocks());
                break;
            case "unblock":
                Expect(name, args, 1, 1);
                ShellText.Unblock(output, session.Unblock(w[1]));
                break;
            case "policy":
                Expect(name, args, 0, 0);
                ShellText.Policy(output, session.HasPolicy, session.PolicyFlows());
                break;
            case "pingall":
                Expect(name, args, 0, 0);
                ShellText.PingAll(output, session.PingAll());
                break;
            case "ping":
                Ping(w);
                break;
            case "routes":
                Expect(name, args, 2, 2);
                ShellText.Routes(output, session.Routes(w[1], w[2]));
                break;
            case "flows":
                Expect(name, args, 1, 1);
                ShellText.Flows(output, session.Flows(w[1]));
                break;
            case "trace":
                Expect(name, args, 1, 1);
                if (w[1] != "last") throw Usage(name, $"expected 'last', found '{w[1]}'");
                ShellText.Trace(output, session.TraceLast(), Width);
                break;
            case "wait":
            {
                Expect(name, args, 1, 1);
                if (!Durations.TryParse(w[1], out var t, out var error)) throw Usage(name, $"the time {error}, found '{w[1]}'");
                if (t > MaxWait) throw Usage(name, $"at most {Durations.Format(MaxWait)} at a time, found '{w[1]}'");
                var before = session.Now;
                var now = session.Wait(t);
                output.WriteLine($"*** waited {ShellText.Ms(now - before)} ms; t={ShellText.Ms(now)} ms");
                break;
            }
            case "time":
                Expect(name, args, 0, 0);
                output.WriteLine($"*** t={ShellText.Ms(session.Now)} ms");
                break;
            default:
                return ShellLineResult.Rejected(UnknownCommand(name));
        }
        return ShellLineResult.Done;
    }

    private void Ping(List<string> w)
    {
        var hosts = new List<string>(2);
        var count = 1;
        for (var i = 1; i < w.Count; i++)
        {
            if (w[i] == "-c")
            {
                if (i + 1 >= w.Count || !int.TryParse(w[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count))
                    throw Usage("ping", $"-c needs a number of echo requests{(i + 1 < w.Count ? $", found '{w[i + 1]}'" : "")}");
                i++;
            }
            else hosts.Add(w[i]);
        }
        if (hosts.Count != 2) throw Usage("ping", $"expected two hosts, found {hosts.Count}");
        ShellText.Ping(output, session.Ping(hosts[0], hosts[1], count));
    }

    private void Help(string? command)
    {
        if (command is not null)
        {
            var info = ShellCommandTable.Find(command) ?? throw new SessionInputException(UnknownCommand(command));
            output.WriteLine($"{info.Usage}: {info.Description}");
            return;
        }
        var width = 0;
        foreach (var c in ShellCommandTable.All) width = Math.Max(width, c.Usage.Length);
        output.WriteLine("commands (Tab completes commands and names):");
        foreach (var c in ShellCommandTable.All) output.WriteLine($"  {c.Usage.PadRight(width)}  {c.Description}");
    }

    public static string UnknownCommand(string name)
    {
        var suggestion = DidYouMean.Suggest(name, ShellCommandTable.Names());
        return suggestion is null
            ? $"unknown command '{name}'; type 'help' for the list"
            : $"unknown command '{name}'; did you mean '{suggestion}'?";
    }

    private static bool UpDown(string command, string word) => word switch
    {
        "up" => true,
        "down" => false,
        _ => throw Usage(command, $"expected 'down' or 'up', found '{word}'"),
    };

    private static void Expect(string command, int args, int min, int max)
    {
        if (args >= min && args <= max) return;
        throw Usage(command, args < min ? "missing arguments" : "too many arguments");
    }

    private static SessionInputException Usage(string command, string problem) =>
        new($"{command}: {problem}; usage: {ShellCommandTable.Find(command)!.Usage}");
}
