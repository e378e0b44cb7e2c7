using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Scenarios;

/// <summary>Reads an <c>expect:</c> sentence: "A reaches B", "A cannot reach B" or "connected pairs reach".</summary>
internal static class ExpectParser
{
    private const string Forms = "'A reaches B', 'A cannot reach B' or 'connected pairs reach'";

    public static (ExpectKind Kind, string? From, string? To)? Parse(YScalar s, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var words = Words(s.Value);
        var texts = words.Select(w => w.Text).ToArray();
        if (texts is ["connected", "pairs", "reach"]) return (ExpectKind.ConnectedPairsReach, null, null);

        ExpectKind kind;
        if (texts.Length == 3 && texts[1] == "reaches") kind = ExpectKind.Reaches;
        else if (texts.Length == 4 && texts[1] == "cannot" && texts[2] == "reach") kind = ExpectKind.CannotReach;
        else
        {
            diagnostics.Error(s.Location, $"expected {Forms} for 'expect', found {s.Describe()}");
            return null;
        }
        var from = words[0];
        var to = words[^1];
        var ok = CheckHost(s, from, refs, diagnostics) & CheckHost(s, to, refs, diagnostics);
        if (ok && from.Text == to.Text)
        {
            diagnostics.Error(At(s, to.Offset), $"'expect' compares host '{from.Text}' with itself; name two different hosts");
            ok = false;
        }
        return ok ? (kind, from.Text, to.Text) : null;
    }

    private static bool CheckHost(YScalar s, (string Text, int Offset) word, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        if (refs.IsChecked && refs.IsHost(word.Text) && !refs.HasIpv4(word.Text))
        {
            diagnostics.Error(At(s, word.Offset), $"host '{word.Text}' has no IPv4 address; 'expect' pings over IPv4 (give the host an 'ipv4:')");
            return false;
        }
        if (!refs.IsChecked || refs.IsHost(word.Text)) return true;
        var message = refs.IsSwitch(word.Text)
            ? $"'{word.Text}' is a switch; 'expect' names hosts"
            : $"unknown host '{word.Text}'{DidYouMean.Hint(word.Text, refs.HostIds)}";
        diagnostics.Error(At(s, word.Offset), message);
        return false;
    }

    // In a plain one-line scalar a word's column is exact; elsewhere (quotes, escapes, folding) point at the value.
    private static SourceLocation At(YScalar s, int offset) =>
        s.IsPlain && !s.Value.Contains('\n') ? s.Location with { Column = s.Location.Column + offset } : s.Location;

    private static List<(string Text, int Offset)> Words(string text)
    {
        var words = new List<(string, int)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            if (i > start) words.Add((text[start..i], start));
        }
        return words;
    }
}
