using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SdnController.Topology.Writing;

/// <summary>
/// Writes strings as YAML scalars: plain when that reads back as the same string under both the
/// YAML 1.1 and 1.2 rules, double-quoted otherwise (so <c>yes</c>, <c>1:30</c>, <c>#x</c> or
/// <c>a, b</c> inside a flow list stay strings).
/// </summary>
public static class YamlScalar
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    // YAML 1.1 booleans and nulls; 1.2 only knows true/false/null/~, but readers still meet 1.1.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "y", "n", "on", "off", "null", "~",
    };

    /// <param name="inFlow">True inside <c>[...]</c> or <c>{...}</c>, where ',', brackets and braces end a plain scalar.</param>
    public static string Format(string s, bool inFlow = false) => IsPlainSafe(s, inFlow) ? s : Quote(s);

    public static bool IsPlainSafe(string s, bool inFlow)
    {
        if (s.Length == 0 || Reserved.Contains(s)) return false;
        if (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || Indicators.Contains(s[0])) return false;
        if (LooksTyped(s)) return false;
        if (s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s[^1] == ':') return false;
        foreach (var c in s)
        {
            if (char.IsControl(c) || c == '\uFEFF') return false;
            if (inFlow && c is ',' or '[' or ']' or '{' or '}') return false;
        }
        return true;
    }

    // Numbers in YAML 1.1 or 1.2 (with '_' separators, 0x/0o/0b, base-60 such as 1:30, .inf/.nan)
    // and 1.1 dates: a plain scalar of that shape would load as a number or timestamp.
    private static readonly Regex TypedScalar = new(
        @"^[-+]?(" +
        @"[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?" +
        @"|\.[0-9][0-9_]*([eE][-+]?[0-9]+)?" +
        @"|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+" +
        @"|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?" +
        @"|\.(inf|Inf|INF|nan|NaN|NAN)" +
        @")$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
        RegexOptions.CultureInvariant);

    private static bool LooksTyped(string s) =>
        (char.IsAsciiDigit(s[0]) || s[0] is '.' or '+' or '-') && TypedScalar.IsMatch(s);

    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c == '\uFEFF') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
