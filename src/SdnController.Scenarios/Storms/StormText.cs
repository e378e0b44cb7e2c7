using System.Text;
using SdnController.Verification.Checking;

namespace SdnController.Scenarios.Storms;

/// <summary>A storm result in words, with witnesses for whatever went wrong.</summary>
public static class StormText
{
    public static string Describe(StormResult r, int witnesses = 3)
    {
        var sb = new StringBuilder(r.ToString());
        var phases = new[] { ("steady", r.Steady), ("after failure", r.AfterFailure), ("after restore", r.AfterRestore) };
        foreach (var (when, report) in phases)
            if (report is not null)
                sb.Append($"\n  {when}: {report.Checked} packets: {report.Count(Verdict.Delivered)} delivered, " +
                          $"{report.Count(Verdict.NoPath)} no path, {report.Count(Verdict.NotInstalled)} not installed, {report.Count(Verdict.Blocked)} blocked" +
                          (report.Pairs.Sampled ? $" (host pairs sampled: {report.Pairs.Walked} of {report.Pairs.Total}, every declared flow included)" : ""));
        foreach (var (when, report) in phases)
        {
            if (report is null) continue;
            for (var i = 0; i < report.Violations.Count && i < witnesses; i++) sb.Append($"\n  {when}: {report.Violations[i]}");
            if (report.Violations.Count > witnesses) sb.Append($"\n  {when}: ... {report.Violations.Count - witnesses} more");
            // Declared flows without rules: the lost ones (and the closed chains) are among them.
            if (r.LostFlows == 0) continue;
            var shown = 0;
            foreach (var f in report.Unchecked)
                if (f.Verdict == Verdict.NotInstalled && f.Probe.Kind == ProbeKind.Flow && shown++ < witnesses)
                    sb.Append($"\n  {when}: declared flow not installed: {f}");
        }
        foreach (var d in r.RestoreDifferences) sb.Append("\n  restore: ").Append(d);
        return sb.ToString();
    }
}
