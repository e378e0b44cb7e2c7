using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;
using SdnController.Topology.Writing;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl generate KIND ...</c>: writes a generated topology as our YAML.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "Generate a topology file (fat-tree, leaf-spine, ring, linear, waxman)");

        var k = new Option<int>("--k") { Description = "Fat-tree arity (even, >= 2)", DefaultValueFactory = _ => 4 };
        var hostsPerEdge = new Option<int?>("--hosts-per-edge") { Description = "Hosts per edge switch (default k/2)" };
        command.Add(Kind("fat-tree", "k-ary fat-tree (Al-Fares et al.): 5k²/4 switches, k³/4 hosts", [k, hostsPerEdge],
            p => FatTreeGenerator.Create(p.GetValue(k), p.GetValue(hostsPerEdge)), p => $"fat-tree-{p.GetValue(k)}"));

        var leaves = new Option<int>("--leaves") { Description = "Leaf switches", DefaultValueFactory = _ => 4 };
        var spines = new Option<int>("--spines") { Description = "Spine switches", DefaultValueFactory = _ => 2 };
        var hostsPerLeaf = new Option<int>("--hosts-per-leaf") { Description = "Hosts per leaf", DefaultValueFactory = _ => 2 };
        command.Add(Kind("leaf-spine", "Two-tier leaf-spine: every leaf linked to every spine", [leaves, spines, hostsPerLeaf],
            p => LeafSpineGenerator.Create(p.GetValue(leaves), p.GetValue(spines), p.GetValue(hostsPerLeaf)),
            p => $"leaf-spine-{p.GetValue(leaves)}x{p.GetValue(spines)}"));

        var ringN = SizeOption(6);
        var ringHosts = HostsPerSwitch(1);
        command.Add(Kind("ring", "Switches s1..sN in a cycle", [ringN, ringHosts],
            p => RingGenerator.Create(p.GetValue(ringN), p.GetValue(ringHosts)), p => $"ring-{p.GetValue(ringN)}"));

        var linN = SizeOption(3);
        var linHosts = HostsPerSwitch(1);
        command.Add(Kind("linear", "Switches s1..sN in a line (Mininet's --topo linear,N)", [linN, linHosts],
            p => LinearGenerator.Create(p.GetValue(linN), p.GetValue(linHosts)), p => $"linear-{p.GetValue(linN)}"));

        var wN = SizeOption(20);
        var alpha = new Option<double>("--alpha") { Description = "Edge density α in (0,1]", DefaultValueFactory = _ => 0.4 };
        var beta = new Option<double>("--beta") { Description = "Reach β > 0 (long links likelier as β grows)", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same file", DefaultValueFactory = _ => 1 };
        var wHosts = HostsPerSwitch(0);
        command.Add(Kind("waxman", "Random geographic graph (Waxman 1988), seeded, always connected", [wN, alpha, beta, seed, wHosts],
            p => WaxmanGenerator.Create(p.GetValue(wN), p.GetValue(alpha), p.GetValue(beta), p.GetValue(seed), p.GetValue(wHosts)),
            p => $"waxman-{p.GetValue(wN)}-s{p.GetValue(seed)}"));
        return command;
    }

    private static Option<int> SizeOption(int byDefault) =>
        new("--n") { Description = "Number of switches", DefaultValueFactory = _ => byDefault };

    private static Option<int> HostsPerSwitch(int byDefault) =>
        new("--hosts-per-switch") { Description = "Hosts attached to each switch", DefaultValueFactory = _ => byDefault };

    private static Command Kind(string name, string description, Option[] options, Func<ParseResult, TopologyBuilder> create, Func<ParseResult, string> defaultName)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout" };
        var topologyName = new Option<string?>("--name") { Description = "Topology name (default e.g. fat-tree-4)" };
        var command = new Command(name, description) { output, topologyName };
        foreach (var o in options) command.Add(o);
        command.SetAction(parse =>
        {
            TopologyBuilder builder;
            try
            {
                builder = create(parse);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"generate {name}: {e.Message}");
            }
            var bag = new DiagnosticBag();
            var topology = builder.Build(bag);
            DiagnosticPrinter.Print(bag.Items);
            if (topology is null) return ExitCodes.Failure;
            var wanted = parse.GetValue(topologyName) ?? defaultName(parse);
            if (wanted != topology.Name) topology = topology.Renamed(wanted);
            OutputFile.Write(parse.GetValue(output), w => TopologyYamlWriter.Write(topology, w));
            return ExitCodes.Success;
        });
        return command;
    }
}
