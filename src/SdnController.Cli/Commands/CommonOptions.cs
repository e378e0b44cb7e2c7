using System.CommandLine;

namespace SdnController.Cli.Commands;

/// <summary>Options several commands share, created fresh per command (an option belongs to one command).</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Machine-readable JSON on stdout" };

    public static Option<int> HostsPerSwitch() => new("--hosts-per-switch")
    {
        Description = "Attach N generated hosts to every switch (for Topology Zoo files, which have none)",
        DefaultValueFactory = _ => 0,
        // Validators run even when the value did not convert; reading it then threw (a stack trace for
        // "--hosts-per-switch 2147483648", found by tools/fuzz), so look at the token and leave bad numbers to the parser.
        Validators = { r => { if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out var n) && n < 0) r.AddError("--hosts-per-switch must be 0 or more"); } },
    };

    public static Argument<string> TopologyFile() => new("FILE")
    {
        Description = "Topology file: our YAML (.yaml/.yml) or Topology Zoo GraphML (.graphml) / GML (.gml)",
    };
}
