namespace SdnController.Classification;

/// <summary>How a flow's protocol was decided: from its payload (or headers), or guessed from a well-known port.</summary>
public enum DetectionMethod : byte
{
    None,
    Inspection,
    Port,
}
