namespace SdnController.Fuzz.Files;

public enum FileOutcome { Accepted, Rejected, Crash, BadDiagnostic }

/// <summary>What one mutated file did to its loader.</summary>
public readonly record struct FileCaseResult(FileOutcome Outcome, string? Problem);
