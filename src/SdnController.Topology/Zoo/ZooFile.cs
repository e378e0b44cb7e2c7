using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Zoo;

/// <summary>Reads an input file, turning I/O failures into a diagnostic instead of an exception.</summary>
internal static class ZooFile
{
    public static string? ReadAllText(string path, DiagnosticBag diagnostics)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Error(null, $"cannot read '{path}': {ex.Message}");
            return null;
        }
    }
}
