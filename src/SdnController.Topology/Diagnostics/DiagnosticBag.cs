namespace SdnController.Topology.Diagnostics;

/// <summary>Collects every problem in a file so all of them are reported at once, not just the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors { get; private set; }

    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.Severity == Severity.Error) HasErrors = true;
    }

    public void Error(SourceLocation? at, string message) => Add(Diagnostic.Error(at, message));
    public void Warning(SourceLocation? at, string message) => Add(Diagnostic.Warning(at, message));

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Add(d);
    }
}
