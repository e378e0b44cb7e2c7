using System.CommandLine;
using System.Text.Json;
using SdnController.Cli.Input;
using SdnController.Verification.Checking;
using SdnController.Verification.Dump;
using SdnController.Verification.Json;
using SdnController.Verification.Reporting;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl verify TOPO --flows FILE [--down L1,L2] [--sample N [--seed S]] [--json]</c>: the independent
/// data-plane verifier (docs/verify.md). Exit 0 clean, 1 violations found, 2 bad input.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("TOPOLOGY") { Description = "The topology file the dump was taken from (the wiring)" };
        var flows = new Option<string>("--flows") { Description = "A flow dump (sdnctl run --dump-flows FILE)", Required = true };
        var down = new Option<string?>("--down") { Description = "Links to take down on top of the dump, comma-separated (e.g. s1-s2,s3-s4)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (docs/verify.md)" };
        // Taken as text and checked here: the parser's own message for "--sample x" names a .NET type.
        var sample = new Option<string?>("--sample") { HelpName = "N", Description = "Walk a seeded random sample of N host pairs instead of every pair (declared flows are always walked)" };
        var seed = new Option<string?>("--seed") { HelpName = "S", Description = "Seed of the --sample (default 1); the same seed picks the same pairs" };
        var hosts = CommonOptions.HostsPerSwitch();
        var command = new Command("verify", "Walk every host pair and declared flow through a flow dump: loops, black holes, chain bypasses") { file, flows, down, sample, seed, json, hosts };
        command.SetAction(parse =>
        {
            var options = SampleOptions(parse.GetValue(sample), parse.GetValue(seed));
            var topology = TopologyInput.Load(parse.GetValue(file)!, parse.GetValue(hosts));
            if (topology is null) return ExitCodes.BadInput;
            FlowDump dump;
            try { dump = FlowDumpReader.ReadFile(parse.GetValue(flows)!); }
            catch (DumpFormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            var downLinks = new List<string>();
            foreach (var part in (parse.GetValue(down) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!topology.Links.Any(l => l.Id == part))
                {
                    Console.Error.WriteLine($"error: --down: no link '{part}' in {topology.Name}; links are named like '{topology.Links.FirstOrDefault()?.Id ?? "s1-s2"}'");
                    return ExitCodes.BadInput;
                }
                downLinks.Add(part);
            }
            foreach (var h in dump.Hosts)
                if (topology.FindHost(h.Id) is null)
                {
                    Console.Error.WriteLine($"error: the flow dump names host '{h.Id}', which {topology.Name} does not have; was it taken from another topology?");
                    return ExitCodes.BadInput;
                }
            var report = Verifier.Verify(topology, dump, downLinks, options);
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    VerifyJson.Write(w, report);
                Console.WriteLine();
            }
            else Console.Write(VerifyText.Render(report));
            return report.IsClean ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static VerifyOptions SampleOptions(string? sample, string? seed)
    {
        if (sample is null)
            return seed is null ? VerifyOptions.AllPairs : throw new UsageException("--seed only applies with --sample N");
        if (!int.TryParse(sample, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new UsageException($"--sample takes a whole number of host pairs >= 1, found '{sample}'");
        var s = 1;
        // Not negative: the random source folds a seed's sign away, so -7 would pick 7's pairs.
        if (seed is not null && (!int.TryParse(seed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out s) || s < 0))
            throw new UsageException($"--seed takes a whole number from 0 up, found '{seed}'");
        return new VerifyOptions { MaxPairs = n, Seed = s };
    }
}
