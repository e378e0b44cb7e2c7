namespace SdnController.Fuzz.Common;

/// <summary>Where the seed inputs live: the repository's samples and the shared data next to it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    /// <summary>/work/shared/data or $SDNCONTROLLER_SHARED_DATA (as the tests find it); null when absent.</summary>
    public static string? SharedData(string relative)
    {
        var env = Environment.GetEnvironmentVariable("SDNCONTROLLER_SHARED_DATA");
        var root = !string.IsNullOrEmpty(env) ? env : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
        var dir = Path.Combine(root, relative);
        return Directory.Exists(dir) ? dir : null;
    }

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SdnController.sln"))) return dir.FullName;
        throw new InvalidOperationException("SdnController.sln not found above " + AppContext.BaseDirectory + "; run from the repository");
    }
}
