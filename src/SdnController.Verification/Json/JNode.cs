namespace SdnController.Verification.Json;

public enum JKind { Object, Array, String, Number, True, False, Null }

/// <summary>
/// A JSON value with the line and column it starts at, so a bad field in a flow dump is reported as
/// file:line:col like every other input error (JsonDocument keeps no positions).
/// </summary>
public sealed class JNode
{
    public JKind Kind { get; }
    public int Line { get; }
    public int Column { get; }
    public string? Text { get; init; }
    public double Number { get; init; }
    public List<JNode>? Items { get; init; }
    public List<KeyValuePair<string, JNode>>? Members { get; init; }

    public JNode(JKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public JNode? Get(string name)
    {
        if (Members is null) return null;
        foreach (var m in Members)
            if (m.Key == name) return m.Value;
        return null;
    }

    public static string KindName(JKind k) => k switch
    {
        JKind.Object => "an object",
        JKind.Array => "an array",
        JKind.String => "a string",
        JKind.Number => "a number",
        JKind.True or JKind.False => "a boolean",
        _ => "null",
    };
}
