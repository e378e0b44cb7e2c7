using System.Text;
using SdnController.Scenarios.Interactive;

namespace SdnController.Cli.Shell;

/// <summary>
/// The editing state behind the shell's prompt: the text, the cursor, and the history walked with up/down
/// (the line being typed is kept while browsing). Pure, so every key's effect is tested without a terminal.
/// </summary>
public sealed class LineBuffer
{
    public const int MaxHistory = 1000;
    private readonly StringBuilder _text = new();
    private readonly List<string> _history = [];
    private int _historyIndex;   // == _history.Count: editing the draft
    private string _draft = "";

    public string Text => _text.ToString();
    public int Cursor { get; private set; }
    public IReadOnlyList<string> History => _history;

    public void LoadHistory(IEnumerable<string> lines)
    {
        foreach (var l in lines) AddHistory(l);
        _historyIndex = _history.Count;
    }

    public void Insert(char c)
    {
        _text.Insert(Cursor, c);
        Cursor++;
    }

    public void Insert(string s)
    {
        _text.Insert(Cursor, s);
        Cursor += s.Length;
    }

    public void Left() => Cursor = Math.Max(0, Cursor - 1);
    public void Right() => Cursor = Math.Min(_text.Length, Cursor + 1);
    public void Home() => Cursor = 0;
    public void End() => Cursor = _text.Length;

    public void Backspace()
    {
        if (Cursor == 0) return;
        _text.Remove(Cursor - 1, 1);
        Cursor--;
    }

    public void Delete()
    {
        if (Cursor < _text.Length) _text.Remove(Cursor, 1);
    }

    /// <summary>Ctrl-U: remove everything before the cursor.</summary>
    public void ClearToStart()
    {
        _text.Remove(0, Cursor);
        Cursor = 0;
    }

    /// <summary>Ctrl-K: remove everything from the cursor on.</summary>
    public void ClearToEnd() => _text.Length = Cursor;

    /// <summary>Up: the previous history line (the draft is kept for coming back down).</summary>
    public void HistoryPrevious()
    {
        if (_historyIndex == 0) return;
        if (_historyIndex == _history.Count) _draft = Text;
        _historyIndex--;
        Replace(_history[_historyIndex]);
    }

    /// <summary>Down: the next history line, and after the newest the draft again.</summary>
    public void HistoryNext()
    {
        if (_historyIndex >= _history.Count) return;
        _historyIndex++;
        Replace(_historyIndex == _history.Count ? _draft : _history[_historyIndex]);
    }

    /// <summary>
    /// Tab: a single candidate replaces the word (plus a space); several extend it to their common prefix.
    /// Returns the candidates to list when the word could not grow (several choices, or none).
    /// </summary>
    public IReadOnlyList<string> Complete(ShellCompletion completion)
    {
        var result = completion.Complete(Text, Cursor);
        if (result.Candidates.Count == 1)
        {
            ReplaceWord(result.Start, result.Candidates[0] + " ");
            return [];
        }
        var prefix = result.CommonPrefix;
        if (prefix.Length > result.Word.Length)
        {
            ReplaceWord(result.Start, prefix);
            return [];
        }
        return result.Candidates;
    }

    /// <summary>Enter: the line is done; non-blank lines go to the history (not twice in a row).</summary>
    public string Accept()
    {
        var line = Text;
        AddHistory(line);
        _historyIndex = _history.Count;
        _draft = "";
        _text.Clear();
        Cursor = 0;
        return line;
    }

    /// <summary>Ctrl-C: drop the line being typed.</summary>
    public void Reset()
    {
        _text.Clear();
        Cursor = 0;
        _historyIndex = _history.Count;
        _draft = "";
    }

    private void AddHistory(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_history.Count > 0 && _history[^1] == line)) return;
        _history.Add(line);
        if (_history.Count > MaxHistory) _history.RemoveAt(0);
    }

    private void ReplaceWord(int start, string with)
    {
        _text.Remove(start, Cursor - start);
        _text.Insert(start, with);
        Cursor = start + with.Length;
    }

    private void Replace(string text)
    {
        _text.Clear().Append(text);
        Cursor = _text.Length;
    }
}
