using SdnController.Topology.Diagnostics;

namespace SdnController.Cli.Output;

/// <summary>Writes diagnostics to stderr in the compiler-style form editors understand.</summary>
public static class DiagnosticPrinter
{
    public static void Print(IEnumerable<Diagnostic> diagnostics, TextWriter? to = null)
    {
        to ??= Console.Error;
        foreach (var d in diagnostics) to.WriteLine(d.ToString());
    }
}
