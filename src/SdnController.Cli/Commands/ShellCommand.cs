using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Cli.Shell;
using SdnController.Scenarios.Interactive;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl shell TOPO [--seed N]</c>: Mininet's habits on our network — the controller and the virtual
/// network live, commands typed at a prompt (line editing, history, Tab completion) or read from a script
/// on stdin. A script gets no prompt; each rejected line is reported as "line N: error: …" on stderr, and
/// the exit code is 2 when any line was rejected, else 0.
/// </summary>
public static class ShellCommand
{
    public const string Prompt = "sdnctl> ";

    public static Command Create()
    {
        var file = CommonOptions.TopologyFile();
        var seed = new Option<int?>("--seed") { Description = "Seed for link loss (default 1)" };
        var hosts = CommonOptions.HostsPerSwitch();
        var command = new Command("shell", "Interactive shell on the live network (Mininet-style commands); scriptable from stdin")
        {
            file, seed, hosts,
        };
        command.SetAction(parse =>
        {
            var topology = TopologyInput.LoadOrReject(parse.GetValue(file)!, parse.GetValue(hosts));
            if (RealHostRun.RealHostIds(topology) is { Count: > 0 } real)
                throw new UsageException($"the topology has real hosts ({string.Join(", ", real)}): the shell runs in network time; use sdnctl run --realtime for real hosts");
            var interactive = !Console.IsInputRedirected;
            using var session = NetworkSession.Start(topology, new SessionOptions { Seed = parse.GetValue(seed) ?? 1 });
            var output = Console.Out;
            var interpreter = new ShellInterpreter(session, output) { Width = Width() };
            output.WriteLine($"*** {topology.Name}: {topology.Switches.Count} switches, {topology.Hosts.Count} hosts, {topology.Links.Count} links, " +
                $"{topology.Traffic.Count} traffic flows; controller ready at {ShellText.Ms(session.Origin)} ms of network time (t=0)");
            if (interactive) output.WriteLine("*** type 'help' for the commands, Tab to complete, 'exit' or Ctrl-D to leave");

            var editor = interactive ? new LineEditor(new ShellCompletion(topology) { BlockIds = () => session.Blocks().Select(b => b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) }, LineEditor.DefaultHistoryFile()) : null;
            var lineNumber = 0;
            var rejected = 0;
            while (true)
            {
                var line = editor is not null ? editor.ReadLine(Prompt) : Console.In.ReadLine();
                if (line is null) break;
                lineNumber++;
                var result = interpreter.Execute(line);
                if (result.Kind == ShellLineKind.Exit) break;
                if (result.Kind != ShellLineKind.Rejected) continue;
                rejected++;
                output.Flush();
                Console.Error.WriteLine(interactive ? $"error: {result.Error}" : $"line {lineNumber}: error: {result.Error}");
            }
            output.Flush();
            return !interactive && rejected > 0 ? ExitCodes.BadInput : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>$COLUMNS, else the terminal's width when stdout is one, else the waterfall's default.</summary>
    private static int Width()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0) return columns;
        if (!Console.IsOutputRedirected)
        {
            try
            {
                if (Console.WindowWidth > 0) return Console.WindowWidth;
            }
            catch (IOException) { }
        }
        return Telemetry.Waterfall.WaterfallRenderer.DefaultWidth;
    }
}
