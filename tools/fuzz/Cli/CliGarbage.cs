using System.Text;

namespace SdnController.Fuzz.Cli;

/// <summary>Garbage for the shell and argv: real commands with wrong arities and values, unknown words, huge numbers, binary bytes.</summary>
public static class CliGarbage
{
    private static readonly string[] ShellWords =
    [
        "nodes", "links", "net", "dump", "pingall", "ping", "routes", "link", "switch", "flows", "trace", "help", "nfv", "classes",
        "metrics", "iperf", "h1", "h2", "h4", "s1", "s2", "s3", "up", "down", "-c", "last", "all", "0", "-1", "1", "3",
        "99999999999999999999", "2147483648", "1e309", "NaN", "--", "-", "''", "\"", "\\", ";", "|", "&&", "$(x)", "*", "h1:1", "s1:99",
        "s2-s3", "exit", "quit", "EOF", "\u202E", "💥", "ｈ１",
    ];

    private static readonly string[] Commands = ["validate", "show", "routes", "analyze", "generate", "convert", "run", "traces", "shell", "classify", "verify", "fuzz"];
    private static readonly string[] Options =
    [
        "--json", "--seed", "--duration", "--metric", "--scenario", "--out", "--help", "-h", "--format", "--hosts-per-switch", "--from", "--to",
        "--capture", "--flows", "--count", "--packets", "--k", "--n", "--size", "--version", "--", "-", "---x", "--metric=", "--seed=-1",
    ];
    private static readonly string[] Values =
    [
        "topologies/ring-6.yaml", "topologies/nonexistent.yaml", "/dev/null", "/", "", " ", "0", "-1", "99999999999999999999999", "1e400",
        "NaN", "hop", "latency", "banana", "h1", "s1", "fat-tree", "ring", "linear", "leaf-spine", "waxman", "-5s", "1000000h", "\u0001\u0002",
        "💥", "topologies/scenarios/fat-tree-4-core-failure.yaml",
    ];

    /// <summary>One shell line: mostly word salad from the shell's own vocabulary, sometimes random bytes or a huge line.</summary>
    public static string ShellLine(Random rng)
    {
        switch (rng.Next(12))
        {
            case 0:
            {
                var sb = new StringBuilder();
                var n = 1 + rng.Next(40);
                for (var i = 0; i < n; i++)
                {
                    var c = (char)rng.Next(1, 256);
                    sb.Append(c is '\n' or '\r' ? ' ' : c);
                }
                return sb.ToString();
            }
            case 1:
                return new string('x', 1 + rng.Next(100_000));
            case 2:
                return "ping h1 h2 -c " + new[] { "0", "-1", "99999999999", "1e9", "x", "" }[rng.Next(6)];
            default:
            {
                var n = rng.Next(7);
                var words = new string[n];
                for (var i = 0; i < n; i++) words[i] = ShellWords[rng.Next(ShellWords.Length)];
                return string.Join(rng.Next(5) == 0 ? "\t" : " ", words);
            }
        }
    }

    public static string[] Argv(Random rng)
    {
        var args = new List<string>();
        if (rng.Next(6) != 0) args.Add(Commands[rng.Next(Commands.Length)]);
        var n = rng.Next(6);
        for (var i = 0; i < n; i++)
            args.Add(rng.Next(3) switch { 0 => Options[rng.Next(Options.Length)], 1 => Values[rng.Next(Values.Length)], _ => ShellWords[rng.Next(ShellWords.Length)] });
        return args.ToArray();
    }
}
