namespace SdnController.Testing;

/// <summary>
/// Finds the read-only data sets in <c>../shared/data/</c> next to the repository (or in
/// $SDNCONTROLLER_SHARED_DATA). Tests that need them call <see cref="RequireDirectory"/>, which
/// marks the test skipped with a clear message when the data is absent.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string? Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("SDNCONTROLLER_SHARED_DATA");
            if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
            var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    /// <summary>Full path of a folder under the shared data root; skips the calling test if it is missing.</summary>
    public static string RequireDirectory(string relative)
    {
        var root = Root;
        var dir = root is null ? null : Path.Combine(root, relative);
        if (dir is null || !Directory.Exists(dir))
            Assert.Ignore($"shared data '{relative}' not found (looked in ../shared/data next to the repository and $SDNCONTROLLER_SHARED_DATA); skipping");
        return dir!;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SdnController.sln"))) return dir.FullName;
        throw new InvalidOperationException("SdnController.sln not found above " + AppContext.BaseDirectory);
    }
}
