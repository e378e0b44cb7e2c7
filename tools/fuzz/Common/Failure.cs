namespace SdnController.Fuzz.Common;

/// <summary>One case that broke a rule (crash, hang, rejection without a located diagnostic), with how to replay it.</summary>
public sealed record Failure(string Campaign, int Seed, long Index, string Reason, string? ReproducerPath)
{
    public override string ToString() =>
        $"{Campaign} case {Index} (seed {Seed}): {Reason}" + (ReproducerPath is null ? "" : $"\n  input saved to {ReproducerPath}");
}
