namespace SdnController.Cli.Output;

/// <summary>Writes text to a file, or to stdout when the path is null or "-".</summary>
public static class OutputFile
{
    public static void Write(string? path, Action<TextWriter> body)
    {
        if (path is null or "-")
        {
            body(Console.Out);
            Console.Out.Flush();
            return;
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Write beside and rename, so an interrupted run never leaves half a file behind.
        var temp = path + ".tmp";
        using (var w = new StreamWriter(temp)) body(w);
        File.Move(temp, path, overwrite: true);
    }
}
