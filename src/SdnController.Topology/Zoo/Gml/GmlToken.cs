namespace SdnController.Topology.Zoo.Gml;

internal enum GmlTokenKind
{
    Key,
    Integer,
    Real,
    String,
    Open,
    Close,
    End,
    /// <summary>Unreadable input; <see cref="GmlToken.Text"/> says why.</summary>
    Error,
}

/// <summary>One GML token with its 1-based position. A string token's text is already decoded.</summary>
internal readonly record struct GmlToken(GmlTokenKind Kind, string Text, int Line, int Column)
{
    public string Describe() => Kind switch
    {
        GmlTokenKind.Key => $"key '{Text}'",
        GmlTokenKind.Integer or GmlTokenKind.Real => $"number {Text}",
        GmlTokenKind.String => $"string \"{Text}\"",
        GmlTokenKind.Open => "'['",
        GmlTokenKind.Close => "']'",
        GmlTokenKind.End => "end of file",
        _ => Text,
    };
}
