namespace SdnController.Classification.Classes;

/// <summary>The coarse traffic classes that routing policy acts on.</summary>
public enum TrafficClass : byte
{
    Other,
    Interactive,
    RealTime,
    Web,
    Bulk,
    Dns,
    Management,
    Suspicious,
}

public static class TrafficClassNames
{
    private static readonly string[] Names = ["other", "interactive", "real-time", "web", "bulk", "dns", "management", "suspicious"];

    public static string Name(this TrafficClass c) => Names[(int)c];
}
