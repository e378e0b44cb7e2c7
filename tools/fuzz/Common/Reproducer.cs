namespace SdnController.Fuzz.Common;

/// <summary>Saves a failing input under the output folder so the failure can be replayed outside the campaign.</summary>
public static class Reproducer
{
    /// <returns>The file written.</returns>
    public static string Save(string outDir, string campaign, int seed, long index, string extension, byte[] input)
    {
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, $"{campaign}-seed{seed}-case{index}{extension}");
        File.WriteAllBytes(path, input);
        return path;
    }
}
