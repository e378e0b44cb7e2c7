using System.Text.Encodings.Web;
using System.Text.Json;

namespace SdnController.Cli.Output;

/// <summary>Writes one JSON document to stdout; the shapes are contracts documented in the README.</summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, Options))
        {
            body(writer);
        }
        stdout.Write("\n"u8);
    }

    /// <summary>One JSON document to a file (written beside and renamed), or stdout for "-".</summary>
    public static void WriteFile(string path, Action<Utf8JsonWriter> body)
    {
        if (path == "-")
        {
            Write(body);
            return;
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            using (var writer = new Utf8JsonWriter(stream, Options)) body(writer);
            stream.Write("\n"u8);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Numbers as JSON numbers; infinity (unreachable) is never written as a number.</summary>
    public static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 9));
        else w.WriteNull(name);
    }
}
