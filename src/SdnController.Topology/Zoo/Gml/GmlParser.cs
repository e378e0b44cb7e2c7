using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Zoo.Gml;

/// <summary>
/// Parses GML's grammar — a list of <c>key value</c> pairs where a value is a number, a string or a
/// bracketed list — into <see cref="GmlEntry"/> trees. Iterative (an explicit stack), so deeply nested input
/// cannot overflow the call stack. Stops at the first syntax error: after one, positions no longer mean much.
/// </summary>
internal static class GmlParser
{
    /// <summary>The top-level entries, or null after reporting a syntax error.</summary>
    public static List<GmlEntry>? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        var tokens = new GmlTokenizer(text);
        var top = new List<GmlEntry>();
        var open = new Stack<(List<GmlEntry> Outer, GmlEntry Entry)>();
        var current = top;
        SourceLocation At(GmlToken t) => new(file, t.Line, t.Column);

        while (true)
        {
            var t = tokens.Next();
            switch (t.Kind)
            {
                case GmlTokenKind.End:
                    if (open.Count > 0)
                    {
                        var unclosed = open.Peek().Entry;
                        diagnostics.Error(unclosed.ValueAt, $"'[' of '{unclosed.Key}' is never closed (the file ends first)");
                        return null;
                    }
                    return top;
                case GmlTokenKind.Error:
                    diagnostics.Error(At(t), t.Text);
                    return null;
                case GmlTokenKind.Close:
                    if (open.Count == 0)
                    {
                        diagnostics.Error(At(t), "']' closes no open '['");
                        return null;
                    }
                    current = open.Pop().Outer;
                    continue;
                case GmlTokenKind.Key:
                    break;
                default:
                    diagnostics.Error(At(t), $"expected a key, found {t.Describe()}");
                    return null;
            }

            var value = tokens.Next();
            switch (value.Kind)
            {
                case GmlTokenKind.Integer:
                case GmlTokenKind.Real:
                case GmlTokenKind.String:
                    current.Add(new GmlEntry(t.Text, At(t), value.Kind, value.Text, At(value)));
                    break;
                case GmlTokenKind.Open:
                    var list = new GmlEntry(t.Text, At(t), GmlTokenKind.Open, "", At(value)) { Children = new List<GmlEntry>() };
                    current.Add(list);
                    open.Push((current, list));
                    current = list.Children;
                    break;
                case GmlTokenKind.Error:
                    diagnostics.Error(At(value), value.Text);
                    return null;
                default:
                    diagnostics.Error(At(value), $"expected a value (number, \"string\" or [ list ]) after key '{t.Text}', found {value.Describe()}");
                    return null;
            }
        }
    }
}
