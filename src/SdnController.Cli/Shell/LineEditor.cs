using SdnController.Scenarios.Interactive;

namespace SdnController.Cli.Shell;

/// <summary>
/// The prompt on a terminal: keys from Console.ReadKey edit a <see cref="LineBuffer"/> (left/right, Home/End,
/// Ctrl-A/E, backspace/delete, Ctrl-U/K, up/down history, Tab completion) and the line is redrawn with
/// ANSI sequences. Ctrl-C drops the line; Ctrl-D on an empty line ends input. The history is kept in
/// ~/.sdnctl_history when that file can be written (never an error when it cannot).
/// </summary>
public sealed class LineEditor
{
    private readonly LineBuffer _buffer = new();
    private readonly ShellCompletion _completion;
    private readonly string? _historyFile;

    public LineEditor(ShellCompletion completion, string? historyFile)
    {
        _completion = completion;
        _historyFile = historyFile;
        if (historyFile is null) return;
        try
        {
            if (File.Exists(historyFile)) _buffer.LoadHistory(File.ReadLines(historyFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public static string? DefaultHistoryFile()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".sdnctl_history");
    }

    /// <summary>One line from the terminal; null at end of input (Ctrl-D on an empty line).</summary>
    public string? ReadLine(string prompt)
    {
        var previous = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            Console.Write(prompt);
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        Console.WriteLine();
                        var line = _buffer.Accept();
                        Remember(line);
                        return line;
                    case ConsoleKey.D when ctrl:
                        if (_buffer.Text.Length == 0)
                        {
                            Console.WriteLine();
                            return null;
                        }
                        _buffer.Delete();
                        break;
                    case ConsoleKey.C when ctrl:
                        Console.WriteLine("^C");
                        _buffer.Reset();
                        Console.Write(prompt);
                        continue;
                    case ConsoleKey.A when ctrl: _buffer.Home(); break;
                    case ConsoleKey.E when ctrl: _buffer.End(); break;
                    case ConsoleKey.U when ctrl: _buffer.ClearToStart(); break;
                    case ConsoleKey.K when ctrl: _buffer.ClearToEnd(); break;
                    case ConsoleKey.LeftArrow: _buffer.Left(); break;
                    case ConsoleKey.RightArrow: _buffer.Right(); break;
                    case ConsoleKey.Home: _buffer.Home(); break;
                    case ConsoleKey.End: _buffer.End(); break;
                    case ConsoleKey.Backspace: _buffer.Backspace(); break;
                    case ConsoleKey.Delete: _buffer.Delete(); break;
                    case ConsoleKey.UpArrow: _buffer.HistoryPrevious(); break;
                    case ConsoleKey.DownArrow: _buffer.HistoryNext(); break;
                    case ConsoleKey.Tab:
                        var choices = _buffer.Complete(_completion);
                        if (choices.Count > 1)
                        {
                            Console.WriteLine();
                            Console.WriteLine(string.Join("  ", choices));
                        }
                        break;
                    default:
                        if (!ctrl && key.KeyChar >= ' ' && key.KeyChar != '\u007f') _buffer.Insert(key.KeyChar);
                        break;
                }
                Redraw(prompt);
            }
        }
        finally
        {
            Console.TreatControlCAsInput = previous;
        }
    }

    /// <summary>Prompt and text again from the line's start, the rest of the line cleared, the cursor put back.</summary>
    private void Redraw(string prompt)
    {
        var text = _buffer.Text;
        Console.Write("\r" + prompt + text + "\u001b[K");
        var back = text.Length - _buffer.Cursor;
        if (back > 0) Console.Write($"\u001b[{back}D");
    }

    private void Remember(string line)
    {
        if (_historyFile is null || string.IsNullOrWhiteSpace(line)) return;
        try
        {
            File.AppendAllText(_historyFile, line.Replace('\n', ' ') + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
