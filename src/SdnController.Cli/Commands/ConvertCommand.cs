using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Topology.Writing;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl convert FILE [-o OUT]</c>: any supported topology file (e.g. Topology Zoo GraphML) to our YAML.</summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var file = CommonOptions.TopologyFile();
        var hosts = CommonOptions.HostsPerSwitch();
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout" };
        var command = new Command("convert", "Convert a topology file (GraphML, GML, YAML) to our YAML format") { file, hosts, output };
        command.SetAction(parse =>
        {
            var topology = TopologyInput.LoadOrReject(parse.GetValue(file)!, parse.GetValue(hosts));
            OutputFile.Write(parse.GetValue(output), w => TopologyYamlWriter.Write(topology, w));
            return ExitCodes.Success;
        });
        return command;
    }
}
