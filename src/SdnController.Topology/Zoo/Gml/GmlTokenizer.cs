using System.Text;

namespace SdnController.Topology.Zoo.Gml;

/// <summary>
/// Splits GML text into keys, numbers, strings and brackets, tracking line and column. Strings run from
/// '"' to the next '"' (GML has no backslash escapes; a quote inside is written <c>&amp;quot;</c>) and may
/// span lines; their HTML entities are decoded. '#' starts a comment to the end of the line.
/// </summary>
internal sealed class GmlTokenizer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public GmlTokenizer(string text) => _text = text;

    public GmlToken Next()
    {
        SkipBlanksAndComments();
        if (_pos >= _text.Length) return new GmlToken(GmlTokenKind.End, "", _line, _column);
        var line = _line;
        var column = _column;
        var c = _text[_pos];
        if (c == '[') { Advance(); return new GmlToken(GmlTokenKind.Open, "[", line, column); }
        if (c == ']') { Advance(); return new GmlToken(GmlTokenKind.Close, "]", line, column); }
        if (c == '"') return ReadString(line, column);
        if (char.IsAsciiLetter(c) || c == '_') return ReadKey(line, column);
        if (char.IsAsciiDigit(c) || c is '-' or '+' or '.') return ReadNumber(line, column);
        return new GmlToken(GmlTokenKind.Error, $"unexpected character '{c}'", line, column);
    }

    private void SkipBlanksAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\r' or '\n') Advance();
            else if (c == '#')
                while (_pos < _text.Length && _text[_pos] != '\n') Advance();
            else break;
        }
    }

    private GmlToken ReadKey(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) Advance();
        return new GmlToken(GmlTokenKind.Key, _text[start.._pos], line, column);
    }

    private GmlToken ReadNumber(int line, int column)
    {
        var start = _pos;
        if (_text[_pos] is '-' or '+') Advance();
        var digits = SkipDigits();
        var real = false;
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            real = true;
            Advance();
            digits += SkipDigits();
        }
        if (digits > 0 && _pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            real = true;
            Advance();
            if (_pos < _text.Length && _text[_pos] is '-' or '+') Advance();
            if (SkipDigits() == 0) digits = 0;
        }
        // A number must end where a token may end; "12abc" or "1.2.3" is a typo, not two tokens.
        if (digits == 0 || (_pos < _text.Length && !IsDelimiter(_text[_pos])))
        {
            while (_pos < _text.Length && !IsDelimiter(_text[_pos])) Advance();
            return new GmlToken(GmlTokenKind.Error, $"malformed number '{_text[start.._pos]}'", line, column);
        }
        return new GmlToken(real ? GmlTokenKind.Real : GmlTokenKind.Integer, _text[start.._pos], line, column);
    }

    private GmlToken ReadString(int line, int column)
    {
        Advance(); // opening quote
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '"') Advance();
        if (_pos >= _text.Length)
            return new GmlToken(GmlTokenKind.Error, "string is never closed (no '\"' before the end of the file)", line, column);
        var raw = _text[start.._pos];
        Advance(); // closing quote
        return new GmlToken(GmlTokenKind.String, DecodeEntities(raw), line, column);
    }

    /// <summary>Decodes &amp;amp; &amp;quot; &amp;lt; &amp;gt; &amp;apos; and numeric references; anything else stays as written.</summary>
    internal static string DecodeEntities(string raw)
    {
        var amp = raw.IndexOf('&');
        if (amp < 0) return raw;
        var sb = new StringBuilder(raw.Length);
        sb.Append(raw, 0, amp);
        var i = amp;
        while (i < raw.Length)
        {
            var c = raw[i];
            var semi = c == '&' ? raw.IndexOf(';', i + 1) : -1;
            if (semi > i + 1 && semi - i <= 10 && TryEntity(raw.AsSpan(i + 1, semi - i - 1), out var decoded))
            {
                sb.Append(decoded);
                i = semi + 1;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    private static bool TryEntity(ReadOnlySpan<char> name, out string decoded)
    {
        decoded = name switch
        {
            "amp" => "&",
            "quot" => "\"",
            "lt" => "<",
            "gt" => ">",
            "apos" => "'",
            _ => "",
        };
        if (decoded.Length > 0) return true;
        if (name.Length < 2 || name[0] != '#') return false;
        var hex = name[1] is 'x' or 'X';
        var digits = hex ? name[2..] : name[1..];
        var style = hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None;
        if (!int.TryParse(digits, style, System.Globalization.CultureInfo.InvariantCulture, out var code) ||
            code is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
            return false;
        decoded = char.ConvertFromUtf32(code);
        return true;
    }

    private int SkipDigits()
    {
        var n = 0;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) { Advance(); n++; }
        return n;
    }

    private static bool IsDelimiter(char c) => c is ' ' or '\t' or '\r' or '\n' or '[' or ']' or '"' or '#';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _pos++;
    }
}
