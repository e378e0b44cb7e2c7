namespace SdnController.Topology.Diagnostics;

/// <summary>
/// One problem found in an input. Rendered as <c>file:line:col: error: message</c>, the format
/// compilers use, so editors and CI logs can jump to the spot.
/// </summary>
public sealed record Diagnostic(Severity Severity, SourceLocation? Location, string Message)
{
    public static Diagnostic Error(SourceLocation? at, string message) => new(Severity.Error, at, message);
    public static Diagnostic Warning(SourceLocation? at, string message) => new(Severity.Warning, at, message);

    public override string ToString()
    {
        var kind = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "note",
        };
        return Location is null ? $"{kind}: {Message}" : $"{Location}: {kind}: {Message}";
    }
}
