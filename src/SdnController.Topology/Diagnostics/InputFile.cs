namespace SdnController.Topology.Diagnostics;

/// <summary>Reads an input file of any format, turning I/O failures into a diagnostic instead of an exception.</summary>
internal static class InputFile
{
    /// <summary>The file's text, or null after an error "cannot read '<paramref name="path"/>': why".</summary>
    public static string? ReadAllText(string path, DiagnosticBag diagnostics)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // .NET's own text names the full path again and, for a missing folder, "a part of the path".
            diagnostics.Error(null, $"cannot read '{path}': no such file");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Error(null, $"cannot read '{path}': {ex.Message}");
            return null;
        }
    }
}
