namespace SdnController.Telemetry.TraceFiles;

/// <summary>Checks on the hex text of trace and span ids.</summary>
public static class TraceIds
{
    public static bool IsHex(string s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
