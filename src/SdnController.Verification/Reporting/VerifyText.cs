using System.Text;
using SdnController.Verification.Checking;

namespace SdnController.Verification.Reporting;

/// <summary>The human summary of <c>sdnctl verify</c>: counts, then the first few witnesses per violation kind.</summary>
public static class VerifyText
{
    public static string Render(VerificationReport r, int witnessesPerKind = 3)
    {
        var sb = new StringBuilder();
        var down = r.DownLinks.Count > 0 ? $" with {string.Join(",", r.DownLinks)} down" : "";
        sb.AppendLine($"verify {r.Topology}{down}: {r.Checked} packets checked ({r.Count(Verdict.Delivered)} delivered, "
            + $"{r.Count(Verdict.NoPath)} no path, {r.Count(Verdict.NotInstalled)} not installed, {r.Count(Verdict.Unverified)} unverified, {r.Count(Verdict.Blocked)} blocked"
            + (r.SkippedFlows > 0 ? $", {r.SkippedFlows} flows to a function address skipped" : "") + ")");
        if (r.Pairs.Sampled)
            sb.AppendLine($"  sampled: {r.Pairs.Walked} of {r.Pairs.Total} host pairs walked (seed {r.Pairs.Seed}, {r.Pairs.Included} always included); the counts cover the sample");
        sb.AppendLine($"  loops {r.Count(Verdict.Loop)}, black holes {r.Count(Verdict.BlackHole)}, wrong host {r.Count(Verdict.WrongHost)}, "
            + $"chain bypasses {r.Count(Verdict.ChainBypass)}, reordered chains {r.Count(Verdict.ChainReordered)}");
        foreach (var kind in new[] { Verdict.Loop, Verdict.BlackHole, Verdict.WrongHost, Verdict.ChainBypass, Verdict.ChainReordered })
        {
            var shown = 0;
            foreach (var f in r.Violations)
            {
                if (f.Verdict != kind) continue;
                if (shown++ == witnessesPerKind)
                {
                    sb.AppendLine($"    ... {r.Count(kind) - witnessesPerKind} more {Verdicts.Name(kind)}");
                    break;
                }
                sb.AppendLine($"  {f}");
            }
        }
        sb.AppendLine(r.IsClean ? "ok: no violations" : $"FAILED: {r.Violations.Count} violations");
        return sb.ToString();
    }
}
