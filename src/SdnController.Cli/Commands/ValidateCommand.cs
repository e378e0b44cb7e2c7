using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl validate FILE...</c>: 0 when every file is valid, 2 otherwise; errors on stderr.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Topology files to check", Arity = ArgumentArity.OneOrMore };
        var hosts = CommonOptions.HostsPerSwitch();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing for valid files" };
        var command = new Command("validate", "Check topology files; report every error as file:line:col") { files, hosts, quiet };
        command.SetAction(parse =>
        {
            var ok = true;
            foreach (var file in parse.GetValue(files)!)
            {
                var topology = TopologyInput.Load(file, parse.GetValue(hosts));
                if (topology is null)
                {
                    ok = false;
                    continue;
                }
                if (parse.GetValue(quiet)) continue;
                var components = ComponentLabels.Of(CompactGraph.FromTopology(topology, PathMetric.Hop)).Sizes.OrderDescending().ToList();
                var parts = components.Count > 1
                    ? $"; {components.Count} disconnected parts (sizes {string.Join(", ", components.Select(c => c))})"
                    : "";
                Console.WriteLine($"{file}: ok: '{topology.Name}', {topology.Switches.Count} switches, {topology.Hosts.Count} hosts, {topology.Links.Count} links{parts}");
            }
            return ok ? ExitCodes.Success : ExitCodes.BadInput;
        });
        return command;
    }
}
