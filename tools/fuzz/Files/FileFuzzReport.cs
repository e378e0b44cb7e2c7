using SdnController.Fuzz.Common;

namespace SdnController.Fuzz.Files;

public sealed class FileFuzzReport
{
    public long Files { get; set; }
    public long Rejected { get; set; }
    public long Accepted { get; set; }
    public long[] FilesByKind { get; } = new long[4];
    /// <summary>Exceptions out of a loader or "internal error" diagnostics.</summary>
    public long Crashes { get; set; }
    /// <summary>Cases over the per-file time limit.</summary>
    public long Hangs { get; set; }
    /// <summary>Rejections with no error, or an error not of the form file:line:col.</summary>
    public long BadDiagnostics { get; set; }
    public double SlowestMs { get; set; }
    public string SlowestCase { get; set; } = "";
    public List<Failure> Failures { get; } = new();
    public TimeSpan Elapsed { get; set; }

    public bool Clean => Crashes == 0 && Hangs == 0 && BadDiagnostics == 0;

    public IEnumerable<string> Lines()
    {
        yield return $"files fuzzed:            {Files:N0} (topology yaml {FilesByKind[0]:N0}, scenario yaml {FilesByKind[1]:N0}, graphml {FilesByKind[2]:N0}, gml {FilesByKind[3]:N0})";
        yield return $"rejected with diagnostics: {Rejected:N0}";
        yield return $"accepted:                {Accepted:N0}";
        yield return $"crashes:                 {Crashes}";
        yield return $"hangs:                   {Hangs}";
        yield return $"bad diagnostics:         {BadDiagnostics}";
        yield return $"slowest file:            {SlowestMs:N1} ms ({SlowestCase})";
        yield return $"elapsed:                 {Elapsed.TotalSeconds:N1} s";
    }
}
