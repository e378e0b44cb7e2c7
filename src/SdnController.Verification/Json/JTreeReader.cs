using System.Text;
using System.Text.Json;

namespace SdnController.Verification.Json;

/// <summary>Parses UTF-8 JSON into <see cref="JNode"/>s that remember where each value starts.</summary>
public static class JTreeReader
{
    public static JNode Parse(byte[] utf8, string file)
    {
        // Line starts, to turn the reader's byte offsets into 1-based line:col.
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == (byte)'\n') lineStarts.Add(i + 1);

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            if (!reader.Read()) throw DumpFormatException.At(file, 1, 1, "the file is empty; expected a flow dump (JSON object)");
            var root = ReadValue(ref reader, utf8, lineStarts);
            if (reader.Read())
            {
                var (l, c) = Position(lineStarts, utf8, (int)reader.TokenStartIndex);
                throw DumpFormatException.At(file, l, c, "unexpected data after the end of the JSON document");
            }
            return root;
        }
        catch (JsonException e)
        {
            // The reader reports 0-based line and byte position.
            throw DumpFormatException.At(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1,
                $"invalid JSON: {FirstSentence(e.Message)}");
        }
    }

    private static JNode ReadValue(ref Utf8JsonReader r, byte[] utf8, List<int> lineStarts)
    {
        var (line, col) = Position(lineStarts, utf8, (int)r.TokenStartIndex);
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<KeyValuePair<string, JNode>>();
                while (r.Read() && r.TokenType != JsonTokenType.EndObject)
                {
                    var name = r.GetString()!;
                    r.Read();
                    members.Add(new(name, ReadValue(ref r, utf8, lineStarts)));
                }
                return new JNode(JKind.Object, line, col) { Members = members };
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<JNode>();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref r, utf8, lineStarts));
                return new JNode(JKind.Array, line, col) { Items = items };
            }
            case JsonTokenType.String: return new JNode(JKind.String, line, col) { Text = r.GetString() };
            case JsonTokenType.Number: return new JNode(JKind.Number, line, col) { Number = r.GetDouble() };
            case JsonTokenType.True: return new JNode(JKind.True, line, col);
            case JsonTokenType.False: return new JNode(JKind.False, line, col);
            default: return new JNode(JKind.Null, line, col);
        }
    }

    private static (int Line, int Column) Position(List<int> lineStarts, byte[] utf8, int offset)
    {
        var lo = 0;
        var hi = lineStarts.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        // Columns count characters, not bytes.
        var col = Encoding.UTF8.GetCharCount(utf8, lineStarts[lo], offset - lineStarts[lo]) + 1;
        return (lo + 1, col);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
