namespace SdnController.Fuzz.Files;

/// <summary>Which loader a fuzzed file goes through.</summary>
public enum FileKind { TopologyYaml, ScenarioYaml, Graphml, Gml }

public static class FileKinds
{
    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Graphml => ".graphml",
        FileKind.Gml => ".gml",
        _ => ".yaml",
    };
}
