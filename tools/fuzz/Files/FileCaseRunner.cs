using System.Text.RegularExpressions;
using SdnController.Topology;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Yaml;
using SdnController.Topology.Zoo;

namespace SdnController.Fuzz.Files;

/// <summary>
/// Runs one file through its real loader and judges the outcome: no exception may escape, an accepted file has
/// no errors, a rejected one has at least one error and every error reads <c>file:line:col: error: ...</c>.
/// The loaders turn their own bugs into "internal error" diagnostics; those count as crashes here.
/// </summary>
public static class FileCaseRunner
{
    public static FileCaseResult Run(FileKind kind, string text, string fileName, Topology.Model.Topology scenarioTopology, string? onDiskPath = null)
    {
        var bag = new DiagnosticBag();
        object? result;
        var name = onDiskPath ?? fileName;
        try
        {
            result = onDiskPath is not null
                ? LoadFromDisk(kind, onDiskPath, scenarioTopology, bag)
                : kind switch
                {
                    FileKind.TopologyYaml => TopologyYamlLoader.LoadText(text, fileName, bag),
                    FileKind.ScenarioYaml => ScenarioFileLoader.LoadText(text, fileName, scenarioTopology, bag),
                    FileKind.Graphml => GraphmlImporter.LoadText(text, fileName, ZooImportOptions.Default, bag),
                    _ => GmlImporter.LoadText(text, fileName, ZooImportOptions.Default, bag),
                };
        }
        catch (Exception ex)
        {
            return new FileCaseResult(FileOutcome.Crash, $"{ex.GetType().Name} escaped the loader: {ex.Message}\n{ex.StackTrace}");
        }
        return Judge(result, bag, name);
    }

    // The path a user's file takes (sdnctl validate/run): extension dispatch, file read, then the same readers.
    private static object? LoadFromDisk(FileKind kind, string path, Topology.Model.Topology scenarioTopology, DiagnosticBag bag) =>
        kind == FileKind.ScenarioYaml
            ? ScenarioFileLoader.Load(path, scenarioTopology, bag)
            : TopologyFileLoader.Load(path, ZooImportOptions.Default, bag);

    public static FileCaseResult Judge(object? result, DiagnosticBag bag, string fileName)
    {
        var located = new Regex("^" + Regex.Escape(fileName) + @":[1-9]\d*:[1-9]\d*: error: \S", RegexOptions.CultureInvariant);
        var errors = 0;
        foreach (var d in bag.Items)
        {
            if (d.Message.Contains("internal error", StringComparison.Ordinal))
                return new FileCaseResult(FileOutcome.Crash, d.ToString());
            if (d.Severity != Severity.Error) continue;
            errors++;
            if (!located.IsMatch(d.ToString())) return new FileCaseResult(FileOutcome.BadDiagnostic, "error without file:line:col: " + Clip(d.ToString()));
        }
        if (result is null && errors == 0) return new FileCaseResult(FileOutcome.BadDiagnostic, "rejected without any error diagnostic");
        if (result is not null && errors > 0) return new FileCaseResult(FileOutcome.BadDiagnostic, $"accepted despite {errors} error(s): {Clip(bag.Items[0].ToString())}");
        return new FileCaseResult(result is null ? FileOutcome.Rejected : FileOutcome.Accepted, null);
    }

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
