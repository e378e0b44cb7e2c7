using SdnController.Cli.Output;
using SdnController.Topology;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;

namespace SdnController.Cli.Input;

/// <summary>Loads a topology file for a command, printing its diagnostics; null means "exit 2".</summary>
public static class TopologyInput
{
    public static Topology.Model.Topology? Load(string path, int hostsPerSwitch, bool printWarnings = true)
    {
        var bag = new DiagnosticBag();
        var topology = TopologyFileLoader.Load(path, new ZooImportOptions { HostsPerSwitch = hostsPerSwitch }, bag);
        var shown = printWarnings || topology is null ? bag.Items : bag.Items.Where(d => d.Severity == Severity.Error);
        DiagnosticPrinter.Print(shown);
        return topology;
    }

    /// <summary>Like <see cref="Load"/> but throws <see cref="InputRejectedException"/> so commands stay linear.</summary>
    public static Topology.Model.Topology LoadOrReject(string path, int hostsPerSwitch, bool printWarnings = true) =>
        Load(path, hostsPerSwitch, printWarnings) ?? throw new InputRejectedException();
}

/// <summary>The input was already reported on stderr; the command ends with exit code 2.</summary>
public sealed class InputRejectedException : Exception;
