using System.Text;

namespace SdnController.Scenarios.Storms;

/// <summary>A storm result in words, with witnesses for whatever went wrong.</summary>
public static class StormText
{
    public static string Describe(StormResult r, int witnesses = 3)
    {
        var sb = new StringBuilder(r.ToString());
        void Witnesses(string when, Verification.Checking.VerificationReport? report)
        {
            if (report is null) return;
            for (var i = 0; i < report.Violations.Count && i < witnesses; i++) sb.Append($"\n  {when}: {report.Violations[i]}");
            if (report.Violations.Count > witnesses) sb.Append($"\n  {when}: ... {report.Violations.Count - witnesses} more");
        }
        Witnesses("steady", r.Steady);
        Witnesses("after failure", r.AfterFailure);
        foreach (var d in r.RestoreDifferences) sb.Append("\n  restore: ").Append(d);
        return sb.ToString();
    }
}
