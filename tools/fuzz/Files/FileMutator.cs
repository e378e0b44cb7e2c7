using System.Text;
using System.Text.RegularExpressions;

namespace SdnController.Fuzz.Files;

/// <summary>
/// Mutates a seed file: 1–4 mutations, each either format-blind (bytes and lines: flips, deletions, duplications,
/// truncation, splicing lines of another file) or aware of the format (YAML values, nesting, anchors; GraphML
/// elements and attributes; GML brackets and keys). Pure function of the random source, so a case replays.
/// </summary>
public static partial class FileMutator
{
    private static readonly string[] WrongValues =
    [
        "", "~", "null", "true", "no", "-1", "0", "-0", "1e309", "-1e309", ".nan", ".inf", "NaN", "99999999999999999999999999",
        "2147483648", "-2147483649", "9223372036854775808", "0x7fffffff", "1.5", "0.0000000001", "[]", "{}", "[1, 2, 3]",
        "{a: 1}", "'quoted'", "\"\\u0000\"", "\"\\uD800\"", "*nowhere", "!!binary aGVsbG8=", "!!python/object:os.system x",
        "!!int abc", "- x", "10 Gbps", "1ms", "-5ms", "100%", "s1:99999", "s1:-1", "s1:", ":3", "h1:0", "0s", "1e99s",
        "héllo", "\u202Egnp.exe", "💥💥💥", "a\u0301\u0301\u0301", "\u0000", "\t", "s1\u200B",
    ];

    public const int MaxChars = 8_000_000;

    public static string Mutate(string text, FileKind kind, Random rng, IReadOnlyList<FileSeed> others)
    {
        var count = 1 + rng.Next(rng.Next(4) == 0 ? 4 : 2);
        for (var i = 0; i < count; i++)
        {
            var structured = rng.Next(100) < 60;
            var before = text;
            text = structured
                ? kind switch
                {
                    FileKind.Graphml => MutateXml(text, rng),
                    FileKind.Gml => MutateGml(text, rng),
                    _ => MutateYaml(text, rng),
                }
                : MutateBlind(text, rng, others);
            // Stacked growth mutations could reach gigabytes; a file that large tests the machine, not the loader.
            if (text.Length > MaxChars) text = before;
        }
        return text;
    }

    // ---- format-blind -------------------------------------------------------------------------------------------

    private static string MutateBlind(string text, Random rng, IReadOnlyList<FileSeed> others)
    {
        switch (rng.Next(10))
        {
            case 0: // bit flips in the UTF-8 bytes (may make invalid UTF-8: decoded as U+FFFD, as a file read would)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length == 0) return text;
                var flips = 1 + rng.Next(8);
                for (var i = 0; i < flips; i++) bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
                return Encoding.UTF8.GetString(bytes);
            }
            case 1: // delete a range
            {
                if (text.Length == 0) return text;
                var at = rng.Next(text.Length);
                return text.Remove(at, Math.Min(text.Length - at, 1 + rng.Next(rng.Next(2) == 0 ? 8 : 400)));
            }
            case 2: // duplicate a range in place
            {
                if (text.Length == 0) return text;
                var at = rng.Next(text.Length);
                var piece = text.Substring(at, Math.Min(text.Length - at, 1 + rng.Next(300)));
                return text.Insert(rng.Next(text.Length + 1), piece);
            }
            case 3: // truncate
                return text.Length == 0 ? text : text[..rng.Next(text.Length)];
            case 4: // insert random binary bytes (control characters, NUL, BOM, lone surrogates)
            {
                var sb = new StringBuilder();
                var n = 1 + rng.Next(16);
                for (var i = 0; i < n; i++)
                    sb.Append(rng.Next(6) switch { 0 => '\0', 1 => '\uFEFF', 2 => '\uD800', 3 => (char)rng.Next(32), _ => (char)rng.Next(0x20, 0x3000) });
                return text.Insert(rng.Next(text.Length + 1), sb.ToString());
            }
            case 5: // splice lines from another file (any format)
            {
                var other = others[rng.Next(others.Count)].Text.Split('\n');
                var lines = new List<string>(text.Split('\n'));
                var from = rng.Next(other.Length);
                var n = Math.Min(other.Length - from, 1 + rng.Next(20));
                lines.InsertRange(rng.Next(lines.Count + 1), other.Skip(from).Take(n));
                return string.Join('\n', lines);
            }
            case 6: // delete lines
            {
                var lines = new List<string>(text.Split('\n'));
                var at = rng.Next(lines.Count);
                lines.RemoveRange(at, Math.Min(lines.Count - at, 1 + rng.Next(5)));
                return string.Join('\n', lines);
            }
            case 7: // duplicate lines
            {
                var lines = new List<string>(text.Split('\n'));
                var at = rng.Next(lines.Count);
                var n = Math.Min(lines.Count - at, 1 + rng.Next(10));
                lines.InsertRange(at, lines.GetRange(at, n));
                return string.Join('\n', lines);
            }
            case 8: // swap two lines
            {
                var lines = text.Split('\n');
                var a = rng.Next(lines.Length);
                var b = rng.Next(lines.Length);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            }
            default: // line endings and blanks: CRLF, lone CR, trailing spaces
                return rng.Next(3) switch
                {
                    0 => text.Replace("\n", "\r\n"),
                    1 => text.Replace("\n", "\r"),
                    _ => text.Replace("\n", " \n"),
                };
        }
    }

    // ---- YAML ---------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"^(?<indent>[ -]*)(?<key>[A-Za-z][\w-]*):[ ]+(?<value>[^#\n]*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex YamlKeyValue();

    private static string MutateYaml(string text, Random rng)
    {
        var pairs = YamlKeyValue().Matches(text);
        switch (rng.Next(11))
        {
            case 0 or 1: // a wrong, odd or extreme value
                return pairs.Count == 0 ? text : ReplaceValue(text, pairs[rng.Next(pairs.Count)], WrongValues[rng.Next(WrongValues.Length)]);
            case 2: // swap two values
            {
                if (pairs.Count < 2) return text;
                var a = pairs[rng.Next(pairs.Count)];
                var b = pairs[rng.Next(pairs.Count)];
                if (a.Index == b.Index) return text;
                var (first, second) = a.Index < b.Index ? (a, b) : (b, a);
                var va = first.Groups["value"];
                var vb = second.Groups["value"];
                return text[..va.Index] + vb.Value + text[(va.Index + va.Length)..vb.Index] + va.Value + text[(vb.Index + vb.Length)..];
            }
            case 3: // huge number
                return pairs.Count == 0 ? text : ReplaceValue(text, pairs[rng.Next(pairs.Count)],
                    rng.Next(2) == 0 ? new string('9', 1 + rng.Next(400)) : "1" + new string('0', rng.Next(400)) + (rng.Next(2) == 0 ? "ms" : "Gbps"));
            case 4: // very long string
                return pairs.Count == 0 ? text : ReplaceValue(text, pairs[rng.Next(pairs.Count)], new string((char)('a' + rng.Next(26)), 1000 + rng.Next(200_000)));
            case 5: // deep nesting, flow or block style
            {
                var depth = rng.Next(3) switch { 0 => 50, 1 => 5_000, _ => 100_000 };
                string nested = rng.Next(3) switch
                {
                    0 => new string('[', depth) + new string(']', depth),
                    1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
                    _ => string.Concat(Enumerable.Range(0, Math.Min(depth, 3_000)).Select(i => "\n" + new string(' ', 2 * (i + 1)) + "k:")) + " 1",
                };
                return pairs.Count == 0 ? nested : ReplaceValue(text, pairs[rng.Next(pairs.Count)], nested);
            }
            case 6: // indentation with tabs
            {
                var lines = text.Split('\n');
                var n = 1 + rng.Next(3);
                for (var i = 0; i < n; i++)
                {
                    var at = rng.Next(lines.Length);
                    lines[at] = lines[at].StartsWith("  ", StringComparison.Ordinal) ? "\t" + lines[at][2..] : "\t" + lines[at];
                }
                return string.Join('\n', lines);
            }
            case 7: // anchors and aliases: a "billion laughs" bomb used where a section or value is expected
                return BillionLaughs(text, rng, pairs);
            case 8: // duplicate or unknown keys
            {
                if (pairs.Count == 0) return text;
                var m = pairs[rng.Next(pairs.Count)];
                var extra = rng.Next(2) == 0 ? m.Value : $"{m.Groups["indent"].Value.Replace('-', ' ')}unknwn-{m.Groups["key"].Value}: 1";
                return text.Insert(m.Index + m.Length, "\n" + extra);
            }
            case 9: // unicode in keys and names
                return pairs.Count == 0 ? text : ReplaceValue(text, pairs[rng.Next(pairs.Count)], rng.Next(4) switch
                {
                    0 => "s\u0131", 1 => "ｓ１", 2 => "h\u0000", _ => "\"\\U0001F4A5\"",
                });
            default: // a mapping where a list is expected and vice versa: re-indent a key as a list item
            {
                if (pairs.Count == 0) return text;
                var m = pairs[rng.Next(pairs.Count)];
                var indent = m.Groups["indent"];
                var repl = indent.Value.Contains('-') ? indent.Value.Replace('-', ' ') : indent.Value + "- ";
                return text[..indent.Index] + repl + text[(indent.Index + indent.Length)..];
            }
        }
    }

    private static string ReplaceValue(string text, Match m, string value)
    {
        var v = m.Groups["value"];
        return text[..v.Index] + value + text[(v.Index + v.Length)..];
    }

    private static string BillionLaughs(string text, Random rng, MatchCollection pairs)
    {
        var levels = 5 + rng.Next(10);
        var sb = new StringBuilder();
        sb.Append("x-lol: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < levels; i++)
            sb.Append($"x-l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n");
        var bomb = $"*l{levels - 1}";
        if (rng.Next(3) == 0)
        {
            // The bomb as a whole section, where readers iterate it.
            var section = new[] { "switches", "hosts", "links", "traffic", "nfv", "chains", "policy", "classes", "scenario" }[rng.Next(9)];
            return sb + $"{section}: {bomb}\n" + text;
        }
        // The anchors go first: an alias must come after its anchor.
        return sb + (pairs.Count == 0 ? text : ReplaceValue(text, pairs[rng.Next(pairs.Count)], bomb));
    }

    // ---- GraphML (XML) ------------------------------------------------------------------------------------------

    [GeneratedRegex(@"<(?<name>node|edge|data|key|graph)\b[^>]*?(/>|>)", RegexOptions.None)]
    private static partial Regex XmlElementStart();

    [GeneratedRegex(@"(?<attr>id|source|target|key|for|attr\.type|attr\.name)=""(?<value>[^""]*)""")]
    private static partial Regex XmlAttribute();

    [GeneratedRegex(@"(?<open><data key=""[^""]*"">)(?<value>[^<]*)</data>")]
    private static partial Regex XmlDataValue();

    private static string MutateXml(string text, Random rng)
    {
        switch (rng.Next(9))
        {
            case 0: // change an attribute (ids, edge ends, key references)
            {
                var attrs = XmlAttribute().Matches(text);
                if (attrs.Count == 0) return text;
                var v = attrs[rng.Next(attrs.Count)].Groups["value"];
                var value = rng.Next(4) switch { 0 => "", 1 => "n99999", 2 => WrongValues[rng.Next(WrongValues.Length)].Replace("\"", "&quot;").Replace("<", "&lt;").Replace("&", "&amp;"), _ => "d" + rng.Next(50) };
                return text[..v.Index] + value + text[(v.Index + v.Length)..];
            }
            case 1: // change a data value (coordinates, speeds, labels)
            {
                var data = XmlDataValue().Matches(text);
                if (data.Count == 0) return text;
                var v = data[rng.Next(data.Count)].Groups["value"];
                var value = rng.Next(3) switch { 0 => "1e308", 1 => "-999999999", _ => System.Security.SecurityElement.Escape(WrongValues[rng.Next(WrongValues.Length)]) ?? "" };
                return text[..v.Index] + value + text[(v.Index + v.Length)..];
            }
            case 2: // drop an element's start tag (unbalanced tags)
            case 3: // duplicate an element start (duplicate ids, nested nodes)
            {
                var els = XmlElementStart().Matches(text);
                if (els.Count == 0) return text;
                var m = els[rng.Next(els.Count)];
                return rng.Next(2) == 0 || m.Value.EndsWith("/>", StringComparison.Ordinal)
                    ? (m.Groups["name"].Value == "node" || m.Groups["name"].Value == "edge") && rng.Next(2) == 0
                        ? text.Insert(m.Index, m.Value.EndsWith("/>", StringComparison.Ordinal) ? m.Value : m.Value.TrimEnd('>') + "/>")
                        : text.Remove(m.Index, m.Length)
                    : text.Insert(m.Index, m.Value);
            }
            case 4: // an internal DTD with an entity expansion bomb, used in a label
            {
                var dtd = "<!DOCTYPE graphml [<!ENTITY a \"aaaaaaaaaa\">" +
                    string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">")) + "]>\n";
                var afterDecl = text.StartsWith("<?xml", StringComparison.Ordinal) ? text.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
                var withDtd = text.Insert(afterDecl, "\n" + dtd);
                var data = XmlDataValue().Match(withDtd);
                if (!data.Success) return withDtd;
                var v = data.Groups["value"];
                return withDtd[..v.Index] + "&j;" + withDtd[(v.Index + v.Length)..];
            }
            case 5: // deep element nesting
            {
                var depth = rng.Next(2) == 0 ? 1_000 : 100_000;
                var nest = string.Concat(Enumerable.Repeat("<graph>", depth)) + string.Concat(Enumerable.Repeat("</graph>", depth));
                var at = text.IndexOf("<graph", StringComparison.Ordinal);
                return at < 0 ? nest + text : text.Insert(at, nest);
            }
            case 6: // undeclared entity, bad character reference, unclosed CDATA or comment
            {
                var bad = new[] { "&undefined;", "&#0;", "&#xD800;", "<![CDATA[", "<!--", "]]>", "<?pi", "<a:b:c/>", "\u0001" }[rng.Next(9)];
                return text.Insert(rng.Next(text.Length + 1), bad);
            }
            case 7: // the edge or node list repeated many times (large but valid-looking files)
            {
                var els = XmlElementStart().Matches(text);
                if (els.Count == 0) return text;
                var m = els[rng.Next(els.Count)];
                var end = text.IndexOf('\n', m.Index);
                var block = text[m.Index..(end < 0 ? text.Length : end + 1)];
                // Files written on one line make the "line" the whole file: keep the result a few MB at most.
                if (block.Length > 2_000) block = m.Value + "\n";
                return text.Insert(m.Index, string.Concat(Enumerable.Repeat(block, 2 + rng.Next(2000))));
            }
            default: // wrong namespace or root element
                return rng.Next(2) == 0 ? text.Replace("<graphml", "<graphmx").Replace("</graphml", "</graphmx") : text.Replace("http://graphml.graphdrawing.org/xmlns", "urn:x");
        }
    }

    // ---- GML ----------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"(?<key>\b[A-Za-z_]\w*)[ \t]+(?<value>""[^""]*""|-?[\d.eE+-]+|\[)")]
    private static partial Regex GmlKeyValue();

    private static string MutateGml(string text, Random rng)
    {
        var kvs = GmlKeyValue().Matches(text);
        switch (rng.Next(7))
        {
            case 0 or 1: // odd value for a key (ids, source/target, coordinates, labels)
            {
                if (kvs.Count == 0) return text;
                var v = kvs[rng.Next(kvs.Count)].Groups["value"];
                if (v.Value == "[") return text;
                var value = rng.Next(5) switch
                {
                    0 => "99999999999999999999", 1 => "-1", 2 => "1e400", 3 => "\"" + new string('x', rng.Next(100_000)) + "\"", _ => "\"unterminated",
                };
                return text[..v.Index] + value + text[(v.Index + v.Length)..];
            }
            case 2: // remove a bracket
            {
                var positions = new List<int>();
                for (var i = 0; i < text.Length; i++) if (text[i] is '[' or ']') positions.Add(i);
                return positions.Count == 0 ? text : text.Remove(positions[rng.Next(positions.Count)], 1);
            }
            case 3: // deep nesting
            {
                var depth = rng.Next(2) == 0 ? 1_000 : 200_000;
                return text.Insert(rng.Next(text.Length + 1), " x " + string.Concat(Enumerable.Repeat("[ y ", depth)) + new string(']', depth) + " ");
            }
            case 4: // duplicate a node or edge block
            {
                var at = text.IndexOf(rng.Next(2) == 0 ? "node [" : "edge [", StringComparison.Ordinal);
                if (at < 0) return text;
                var end = text.IndexOf(']', at);
                if (end < 0) return text;
                return text.Insert(at, text[at..(end + 1)] + "\n");
            }
            case 5: // a value where a list is expected and vice versa
            {
                if (kvs.Count == 0) return text;
                var v = kvs[rng.Next(kvs.Count)].Groups["value"];
                return text[..v.Index] + (v.Value == "[" ? "1 [" : "[ ]") + text[(v.Index + v.Length)..];
            }
            default: // a key that is not an identifier
                return text.Insert(rng.Next(text.Length + 1), new[] { " 123 ", " [ ", " ] ", " \" ", " -", " 1.2.3 ", " @ " }[rng.Next(7)]);
        }
    }
}
